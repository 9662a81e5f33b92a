/**
 * ANSI colours, written by hand: on for a terminal, off when NO_COLOR is set
 * (and not empty), when output is piped, or with --no-color.
 */

/** The styles the renderers use; each is the identity when colour is off. */
export interface Colours {
  readonly enabled: boolean
  readonly bold: (s: string) => string
  readonly dim: (s: string) => string
  readonly red: (s: string) => string
  readonly green: (s: string) => string
  readonly yellow: (s: string) => string
  readonly cyan: (s: string) => string
}

const style =
  (open: number, close: number) =>
  (s: string): string =>
    s === '' ? s : `\u001b[${open}m${s}\u001b[${close}m`

const plain = (s: string): string => s

/** The colours to use, on or off. */
export const makeColours = (enabled: boolean): Colours =>
  enabled
    ? {
        enabled,
        bold: style(1, 22),
        dim: style(2, 22),
        red: style(31, 39),
        green: style(32, 39),
        yellow: style(33, 39),
        cyan: style(36, 39),
      }
    : { enabled, bold: plain, dim: plain, red: plain, green: plain, yellow: plain, cyan: plain }

/**
 * Whether to colour a stream: `--no-color` or a non-empty NO_COLOR turn it off;
 * a non-empty FORCE_COLOR (other than `0`) turns it on; otherwise only on a terminal.
 */
export const colourWanted = (
  stream: { readonly isTTY?: boolean },
  env: Readonly<Record<string, string | undefined>>,
  noColorFlag: boolean,
): boolean => {
  if (noColorFlag) return false
  if ((env['NO_COLOR'] ?? '') !== '') return false
  const force = env['FORCE_COLOR'] ?? ''
  if (force !== '' && force !== '0') return true
  return stream.isTTY === true && env['TERM'] !== 'dumb'
}

/** Colours for stdout and for stderr, each as `colourWanted` decides for its stream. */
export const coloursFor = (
  io: { readonly stdout: { readonly isTTY?: boolean }; readonly stderr: { readonly isTTY?: boolean }; readonly env: Readonly<Record<string, string | undefined>> },
  noColor: boolean,
): { readonly out: Colours; readonly err: Colours } => ({
  out: makeColours(colourWanted(io.stdout, io.env, noColor)),
  err: makeColours(colourWanted(io.stderr, io.env, noColor)),
})
