/**
 * The shell completion scripts, made from the usage table: the commands, each
 * command's flags, the words an option or operand takes, and resource names,
 * which the script asks for with `lambda-invocation completion resources`
 * (the config's names, read without the rest of the command).
 */
import { COMMAND_USAGE, OPTION_USAGE, type CommandName, type CommandUsage, type OptionName, type OptionUsage } from '../setup/usage.js'

type Completes = NonNullable<OptionUsage['complete']> | undefined

const COMMANDS = Object.keys(COMMAND_USAGE) as CommandName[]
/** What is typed first: `state list` is `state`. */
const FIRST_WORDS = [...new Set(COMMANDS.map((c) => c.split(' ')[0]!))]
const STATE_SUBCOMMANDS = COMMANDS.filter((c) => c.startsWith('state ')).map((c) => c.slice(6))
const VALUED = (Object.keys(OPTION_USAGE) as OptionName[]).filter((o) => OPTION_USAGE[o].value !== undefined)
const flagsOf = (u: CommandUsage): string => u.options.map((o) => (o === 'help' ? '-h --help' : `--${o}`)).join(' ')

/** Shell words of a list, each safe in single quotes (our words hold no quote). */
const words = (list: ReadonlyArray<string>): string => list.join(' ')

const bashCompletes = (c: Completes): string => {
  if (c === undefined) return 'COMPREPLY=()'
  if (c === 'file') return 'COMPREPLY=( $(compgen -f -- "$cur") )'
  if (c === 'resource') return 'COMPREPLY=( $(compgen -W "$(_lambda_invocation_resources)" -- "$cur") )'
  return `COMPREPLY=( $(compgen -W '${words(c)}' -- "$cur") )`
}

/** The bash script: `_lambda_invocation` reads COMP_WORDS and COMP_CWORD and sets COMPREPLY. */
export const bashCompletion = (): string => `# bash completion for lambda-invocation
# Load it with: source <(lambda-invocation completion bash)

_lambda_invocation_resources() {
  local i config=()
  for ((i = 1; i < \${#COMP_WORDS[@]}; i++)); do
    if [[ "\${COMP_WORDS[i]}" == --config && $((i + 1)) -lt \${#COMP_WORDS[@]} ]]; then config=(--config "\${COMP_WORDS[i + 1]}"); fi
    if [[ "\${COMP_WORDS[i]}" == --config=* ]]; then config=("\${COMP_WORDS[i]}"); fi
  done
  "\${COMP_WORDS[0]}" completion resources "\${config[@]}" 2>/dev/null
}

_lambda_invocation() {
  local cur="\${COMP_WORDS[COMP_CWORD]}" prev=""
  ((COMP_CWORD > 0)) && prev="\${COMP_WORDS[COMP_CWORD - 1]}"
  local i w command="" operands=0 skip=0
  # The command (two words for state), and how many operands come before the word completed.
  for ((i = 1; i < COMP_CWORD; i++)); do
    w="\${COMP_WORDS[i]}"
    if ((skip)); then skip=0; continue; fi
    case "$w" in
      ${VALUED.map((o) => `--${o}`).join('|')}) skip=1 ;;
      -*) ;;
      *)
        if [[ -z "$command" ]]; then command="$w"
        elif [[ "$command" == state ]]; then command="state $w"
        else operands=$((operands + 1)); fi ;;
    esac
  done
  case "$prev" in
${VALUED.map((o) => `    --${o}) ${bashCompletes(OPTION_USAGE[o].complete)}; return 0 ;;`).join('\n')}
  esac
  if [[ "$cur" == -* ]]; then
    case "$command" in
${COMMANDS.map((c) => `      '${c}') COMPREPLY=( $(compgen -W '${flagsOf(COMMAND_USAGE[c])}' -- "$cur") ) ;;`).join('\n')}
      *) COMPREPLY=( $(compgen -W '-h --help --version' -- "$cur") ) ;;
    esac
    return 0
  fi
  case "$command" in
    '') COMPREPLY=( $(compgen -W '${words(FIRST_WORDS)}' -- "$cur") ) ;;
    state) COMPREPLY=( $(compgen -W '${words(STATE_SUBCOMMANDS)}' -- "$cur") ) ;;
${COMMANDS.filter((c) => COMMAND_USAGE[c].operands !== undefined)
  .map((c) => `    '${c}') ${operandGuard(c)}${bashCompletes(COMMAND_USAGE[c].operands)} ;;`)
  .join('\n')}
    *) COMPREPLY=() ;;
  esac
  return 0
}

complete -F _lambda_invocation lambda-invocation
`

/** How many operands a command completes (`state rm` any number). */
const MAX_OPERANDS: Partial<Record<CommandName, number>> = { output: 1, import: 1, 'import-terraform': 1, 'state mv': 1, completion: 1, help: 1 }

const operandGuard = (c: CommandName): string => {
  const max = MAX_OPERANDS[c]
  return max === undefined ? '' : `((operands >= ${max})) && { COMPREPLY=(); return 0; }; `
}

const zshCompletes = (c: Completes): string => {
  if (c === undefined) return ':'
  if (c === 'file') return '_files'
  if (c === 'resource') return 'compadd -- ${(f)"$(_lambda_invocation_resources)"}'
  return `compadd -- ${words(c)}`
}

/** The zsh script: a `#compdef` function reading `words` and `CURRENT`, registered with `compdef`. */
export const zshCompletion = (): string => `#compdef lambda-invocation
# zsh completion for lambda-invocation
# Load it with: source <(lambda-invocation completion zsh)  (after compinit)

_lambda_invocation_resources() {
  local i
  local -a config
  for (( i = 2; i <= \${#words}; i++ )); do
    [[ \${words[i]} == --config ]] && config=(--config "\${words[i+1]}")
    [[ \${words[i]} == --config=* ]] && config=("\${words[i]}")
  done
  \${words[1]} completion resources "\${config[@]}" 2>/dev/null
}

_lambda_invocation() {
  local cur=\${words[CURRENT]} prev=\${words[CURRENT-1]}
  local i w command="" operands=0 skip=0
  for (( i = 2; i < CURRENT; i++ )); do
    w=\${words[i]}
    if (( skip )); then skip=0; continue; fi
    case $w in
      (${VALUED.map((o) => `--${o}`).join('|')}) skip=1 ;;
      (-*) ;;
      (*)
        if [[ -z $command ]]; then command=$w
        elif [[ $command == state ]]; then command="state $w"
        else (( operands++ )); fi ;;
    esac
  done
  case $prev in
${VALUED.map((o) => `    (--${o}) ${zshCompletes(OPTION_USAGE[o].complete)}; return ;;`).join('\n')}
  esac
  if [[ $cur == -* ]]; then
    case $command in
${COMMANDS.map((c) => `      ('${c}') compadd -- ${flagsOf(COMMAND_USAGE[c])} ;;`).join('\n')}
      (*) compadd -- -h --help --version ;;
    esac
    return
  fi
  case $command in
    ('') compadd -- ${words(FIRST_WORDS)} ;;
    (state) compadd -- ${words(STATE_SUBCOMMANDS)} ;;
${COMMANDS.filter((c) => COMMAND_USAGE[c].operands !== undefined)
  .map((c) => {
    const max = MAX_OPERANDS[c]
    return `    ('${c}') ${max === undefined ? '' : `(( operands >= ${max} )) && return; `}${zshCompletes(COMMAND_USAGE[c].operands)} ;;`
  })
  .join('\n')}
  esac
}

compdef _lambda_invocation lambda-invocation
`
