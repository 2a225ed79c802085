export * from "./domain";
export * from "./converters";
export * from "./refs";
export * from "./subscribe";
export * from "./callables";
export * from "./connect";
export * from "./providers";
export { timestampsToDates } from "./timestamps";
