export declare const WAIT_FOR_MS: number;
