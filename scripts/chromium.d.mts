// Types of chromium.mjs (read there what each is).
export declare const CHROMIUM: string;
export declare const CHROMIUM_ARGS: string[];
export declare const CHROMIUM_LAUNCH: { executablePath: string; headless: true; args: string[] };
