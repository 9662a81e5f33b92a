/**
 * @lambda-invocation/cli: the `lambda-invocation` command, and the pieces it is
 * built from that embed well elsewhere (the file state store and its lock).
 */
export { main } from './main.js'
export type { CliIo, OutStream } from './context.js'
export { makeFileStateStore, loadStateFile, backupPathFor, STATE_FORMAT } from './state-file/store.js'
export type { FileStateStoreOptions, StateFile, StateEntry } from './state-file/store.js'
export { acquireLock, tryLock, lockPathFor, isProcessAlive } from './state-file/lock.js'
export type { HeldLock, LockFailure } from './state-file/lock.js'
export { loadConfig, parseConfig, DEFAULT_CONFIG_FILE, DEFAULT_STATE_FILE } from './config.js'
export type { Config, ConfigError } from './config.js'
