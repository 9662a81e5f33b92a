import { execFileSync, spawnSync } from 'node:child_process'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** What Terraform answered for one JSON text: what `jsonencode` wrote, or the summary of its error. */
export type TerraformAnswer = { readonly ok: string } | { readonly err: string }

// No CLI config file, no update check over the network, no colours.
const ENV = { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' }

const terraformVersion = (): string | undefined => {
  try {
    const out = execFileSync('terraform', ['version', '-json'], { encoding: 'utf8', env: ENV })
    return (JSON.parse(out) as { terraform_version?: string }).terraform_version
  } catch {
    return undefined
  }
}

/** Terraform's version (`1.11.4`), or `undefined` when `terraform` is not installed. */
export const TERRAFORM_VERSION = terraformVersion()

const STRING_TOKEN = /"(?:[^"\\]|\\.)*"/g

/**
 * The text with every string's `${` and `%{` doubled: in a `.tf.json` file a
 * string is a template, and `$${` / `%%{` are how a template writes them
 * literally. The other characters keep their spelling.
 */
export const asTemplateLiteral = (text: string): string =>
  text.replace(STRING_TOKEN, (token) => {
    const s = JSON.parse(token) as string
    return s.includes('${') || s.includes('%{') ? JSON.stringify(s.replaceAll('${', () => '$${').replaceAll('%{', () => '%%{')) : token
  })

/** Runs `terraform console` on a `.tf.json` holding each text as a local: one jsonencode per text, or the first error. */
const run = (texts: ReadonlyArray<string>): TerraformAnswer[] | { readonly failed: string } => {
  const dir = mkdtempSync(join(tmpdir(), 'tf-jsonencode-'))
  try {
    const locals = texts.map((t, i) => `"x${i}":${asTemplateLiteral(t)}`).join(',\n')
    writeFileSync(join(dir, 'main.tf.json'), `{"locals":{\n${locals}\n}}\n`)
    const list = texts.map((_, i) => `jsonencode(local.x${i})`).join(',')
    // base64: console prints strings in HCL's quoting; base64 text needs none.
    const run = spawnSync('terraform', ['console', '-no-color'], { cwd: dir, env: ENV, input: `base64encode(jsonencode([${list}]))\n`, maxBuffer: 1 << 28, encoding: 'utf8' })
    const error = /Error: ([^\n]*)/.exec(run.stderr + run.stdout)
    if (run.status !== 0 || error !== null) return { failed: error?.[1]?.trim() ?? `exit ${run.status}` }
    const line = run.stdout.trim().replace(/^"|"$/g, '')
    const outputs = JSON.parse(Buffer.from(line, 'base64').toString('utf8')) as string[]
    return outputs.map((ok) => ({ ok }))
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

/** Terraform's `jsonencode` of each JSON text, given as a local in a `.tf.json` file; a batch that fails is retried text by text. */
export const terraformJsonencode = (texts: ReadonlyArray<string>): TerraformAnswer[] => {
  const batch = run(texts)
  if (Array.isArray(batch)) return batch
  return texts.map((t) => {
    const one = run([t])
    return Array.isArray(one) ? (one[0] as TerraformAnswer) : { err: (one as { failed: string }).failed }
  })
}

/**
 * The text with each string's value in Unicode NFC, as Terraform normalises
 * every configuration string (and `jsonencodeText` does not, by design): to
 * compare the rest of the encoding with Terraform's on any text.
 */
export const nfcStrings = (text: string): string =>
  text.replace(STRING_TOKEN, (token) => {
    const s = JSON.parse(token) as string
    const nfc = s.normalize('NFC')
    return nfc === s ? token : JSON.stringify(nfc)
  })
