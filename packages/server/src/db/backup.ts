import SqliteDatabase from "better-sqlite3";

/**
 * Copies a live SQLite database (WAL mode, server running) into `target` with SQLite's online
 * backup API: the copy is one consistent snapshot even while writes go on. Returns the page count.
 */
export async function backupSqlite(source: string, target: string): Promise<number> {
  const db = new SqliteDatabase(source, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    const result = await db.backup(target);
    return result.totalPages;
  } finally {
    db.close();
  }
}
