/**
 * @lambda-invocation/cli: the `lambda-invocation` command, and the pieces it is
 * built from that embed well elsewhere (the file state store and its lock).
 */
export { main } from './main.js'
export type { CliIo, OutStream } from './context.js'
export { makeFileStateStore, loadStateFile, backupPathFor, STATE_FORMAT } from './file-state-store.js'
export type { FileStateStoreOptions, StateFile, StateEntry } from './file-state-store.js'
export { acquireLock, tryLock, lockPathFor, isProcessAlive } from './lock.js'
export type { HeldLock, LockFailure } from './lock.js'
export { loadConfig, parseConfig, DEFAULT_CONFIG_FILE, DEFAULT_STATE_FILE } from './config.js'
export type { Config, ConfigError } from './config.js'
