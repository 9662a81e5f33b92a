/**
 * @lambda-invocation/cli: the `lambda-invocation` command, and the pieces it is
 * built from that embed well elsewhere (the file state store and its lock).
 */
export { main } from './main.js'
export type { CliIo, OutStream } from './setup/io.js'
export type { CliError, ErrorTag } from './setup/cli-error.js'
export { CLI_ERRORS, ENGINE_ERRORS } from './setup/cli-error.js'
export { makeFileStateStore, openFileStateStore } from './state-file/store.js'
export type { FileStateStoreOptions } from './state-file/store.js'
export { loadStateFile } from './state-file/load.js'
export { backupPathFor } from './state-file/files.js'
export { STATE_FORMAT } from './state-file/state.js'
export type { StateFile, StateEntry } from './state-file/state.js'
export { acquireLock, tryLock, lockPathFor, isProcessAlive } from './state-file/lock.js'
export type { HeldLock, LockFailure } from './state-file/lock.js'
export { loadConfig, parseConfig, DEFAULT_CONFIG_FILE, DEFAULT_STATE_FILE } from './setup/config.js'
export type { Config, ConfigError } from './setup/config.js'
