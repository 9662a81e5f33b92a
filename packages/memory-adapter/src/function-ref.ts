/** A function reference split into its name and the qualifier it carries, if any. */
export interface FunctionRef {
  readonly name: string
  readonly qualifier?: string
}

/**
 * Splits what Lambda accepts as a function name: `name`, `name:qualifier`,
 * `account:function:name[:qualifier]` or a full ARN `arn:aws:lambda:region:account:function:name[:qualifier]`.
 */
export const parseFunctionRef = (functionName: string): FunctionRef => {
  const parts = functionName.split(':')
  const at = parts.indexOf('function')
  const rest = at >= 0 ? parts.slice(at + 1) : parts
  const [name = '', qualifier] = rest
  return qualifier === undefined ? { name } : { name, qualifier }
}
