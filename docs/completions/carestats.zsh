#compdef carestats

__carestats_complete() {
    local -ar non_empty_completions=("${@:#(|:*)}")
    local -ar empty_completions=("${(M)@:#(|:*)}")
    _describe -V '' non_empty_completions -- empty_completions -P $'\'\''
}

__carestats_custom_complete() {
    local -a completions
    completions=("${(@f)"$("${command_name}" "${@}" "${command_line[@]}")"}")
    if [[ "${#completions[@]}" -gt 1 ]]; then
        __carestats_complete "${completions[@]:0:-1}"
    fi
}

__carestats_cursor_index_in_current_word() {
    if [[ -z "${QIPREFIX}${IPREFIX}${PREFIX}" ]]; then
        printf 0
    else
        printf %s "${#${(z)LBUFFER}[-1]}"
    fi
}

_carestats() {
    emulate -RL zsh -G
    setopt extendedglob nullglob numericglobsort
    unsetopt aliases banghist

    local -xr SAP_SHELL=zsh
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(builtin emulate zsh -c 'printf %s "${ZSH_VERSION}"')"
    local -r SAP_SHELL_VERSION

    local context state state_descr line
    local -A opt_args

    local -r command_name="${words[1]}"
    local -ar command_line=("${words[@]}")
    local -ir current_word_index="$((CURRENT - 1))"

    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'run:Run a pipeline file: ingest, measures, board tables in every format, figure history.'
            'export:Rebuild a statutory return from a folder of extracts.'
            'check:Validate a pipeline file and the extracts it names, without computing anything.'
            'dump-config:Print the configuration in effect for a pipeline file, with every default filled in.'
            'publish:Mark a run as the published one: later runs report every figure that differs from it.'
            'history:The figure history: list its runs (the default), show one figure over time, or prune old runs.'
            'ingest:Read and normalise a folder of extracts: canonical tables, quarantine, findings, normalisation.csv, manifest.'
            'measure:Compute the standard measure catalogue from a folder of extracts, with no configuration.'
            'map:Show how raw values of a coded field normalise: one per line on standard input.'
            'suggest-aliases:List the raw values no stage of the normaliser mapped, with candidate codes, and draft a values: block.'
            'benchmarks:Benchmarks to set beside the council'\''s figures: England, regions, statistical neighbours.'
            'generate:Write synthetic extracts of an invented council (never real data).'
            'reference:Write the reference pages: every canonical field with its header spellings, every measure with its dimensions and categories, every table layout and option.'
            'help:Show subcommand help information.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        run|export|check|dump-config|publish|history|ingest|measure|map|suggest-aliases|benchmarks|generate|reference|help)
            "_carestats_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_carestats_run() {
    local -i ret=1
    local -ar arg_specs=(
        ':pipeline:'
        '--out[Output folder (default\: the pipeline'\''s output.folder, else out/<pipeline name>); replaced atomically.]:out:'
        '--period[The period (or range of periods) to report, instead of the file'\''s.]:period:'
        '--input[A folder of extracts to read instead of the file'\''s inputs (a late or corrected extract).]:input:'
        '--run-date[Run date YYYY-MM-DD (default today).]:run-date:'
        '--store[The figure history (SQLite file); default\: the pipeline'\''s store.path, else <output folder>.history.sqlite.]:store:'
        '--canonical-tables[Also write the canonical tables under private/tables/, as '\''carestats ingest'\'' does.]'
        '--log-format[Log format on standard error\: text or json.]:log-format:'
        '--verbose[Show progress even when standard error is not a terminal.]'
        '--wait[If another run holds the output folder'\''s lock, wait for it instead of exiting 3.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_carestats_export() {
    local -i ret=1
    local -ar arg_specs=(
        ':return-name:'
        ':input-dir:'
        '--year[The collection year, e.g. 2024-25.]:year:'
        '--to[Year to date\: the last day covered (YYYY-MM-DD).]:to:'
        '--out[Output folder (created owner-only; replaced atomically).]:out:'
        '--previous[Last year'\''s export folder, copied into previous/ for the DfE'\''s year-on-year rules.]:previous:'
        '--run-date[Run date YYYY-MM-DD (default today).]:run-date:'
        '--log-format[Log format on standard error\: text or json.]:log-format:'
        '--verbose[Show progress even when standard error is not a terminal.]'
        '--wait[If another run holds the output folder'\''s lock, wait for it instead of exiting 3.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_carestats_check() {
    local -i ret=1
    local -ar arg_specs=(
        ':pipeline:'
        '--run-date[Run date YYYY-MM-DD for relative periods (default today).]:run-date:'
        '--period[The period (or range) to check, as '\''run --period'\'' would report it.]:period:'
        '--input[A folder of extracts to check instead of the file'\''s inputs, as '\''run --input'\'' would read.]:input:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_carestats_dump-config() {
    local -i ret=1
    local -ar arg_specs=(
        ':pipeline:'
        '--out[Output folder, as '\''run --out'\'' would take it.]:out:'
        '--period[The period (or range), as '\''run --period'\'' would take it.]:period:'
        '--input[A folder of extracts, as '\''run --input'\'' would take it.]:input:'
        '--run-date[Run date YYYY-MM-DD (default today).]:run-date:'
        '--store[The figure history (SQLite file), as '\''run --store'\'' would take it.]:store:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_carestats_publish() {
    local -i ret=1
    local -ar arg_specs=(
        ':run-id:'
        '--store[The figure history (SQLite file).]:store:'
        '--postgres-url-env[The name of an environment variable holding the PostgreSQL URL of a shared store.]:postgres-url-env:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_carestats_history() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'list:List the runs in the figure history with their status (ok, checks_failed, pending, abandoned), or show one figure over time.'
            'prune:Delete old runs from the figure history: every published run and the last --keep runs of each pipeline stay.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        list|prune)
            "_carestats_history_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_carestats_history_list() {
    local -i ret=1
    local -ar arg_specs=(
        '--store[The figure history (SQLite file).]:store:'
        '--postgres-url-env[The name of an environment variable holding the PostgreSQL URL of a shared store.]:postgres-url-env:'
        '--pipeline[Only runs of this pipeline (its file name without .yaml).]:pipeline:'
        '--measure[Show this measure over time (needs --pipeline).]:measure:'
        '--period[Only this period.]:period:'
        '--dimension[Dimension (default total).]:dimension:'
        '--category[Category (default Total).]:category:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_carestats_history_prune() {
    local -i ret=1
    local -ar arg_specs=(
        '--store[The figure history (SQLite file).]:store:'
        '--postgres-url-env[The name of an environment variable holding the PostgreSQL URL of a shared store.]:postgres-url-env:'
        '--keep[How many of each pipeline'\''s most recent runs to keep besides the published ones.]:keep:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_carestats_ingest() {
    local -i ret=1
    local -ar arg_specs=(
        ':input-dir:'
        '--out[Output folder (replaced atomically when the run succeeds).]:out:'
        '--threshold[Share of a table'\''s rows (quarantined or with an Unrecognised value) above which the run exits 1.]:threshold:'
        '--run-date[Run date YYYY-MM-DD (default today); two-digit years are read relative to it.]:run-date:'
        '--log-format[Log format on standard error\: text or json.]:log-format:'
        '--verbose[Show progress even when standard error is not a terminal.]'
        '--wait[If another run holds the output folder'\''s lock, wait for it instead of exiting 3.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_carestats_measure() {
    local -i ret=1
    local -ar arg_specs=(
        ':input-dir:'
        '*--period[A period or a range of like periods; repeat for more.]:period:'
        '*--measure[Limit to measure ids or id prefixes such as cla.; repeat for more.]:measure:'
        '--out[Output folder (replaced atomically when the run succeeds).]:out:'
        '--threshold[Share of a table'\''s rows (quarantined or with an Unrecognised value) above which the run exits 1.]:threshold:'
        '--suppression-threshold[Counts from 1 to this print as c in the published column.]:suppression-threshold:'
        '--run-date[Run date YYYY-MM-DD (default today).]:run-date:'
        '--postcodes[A postcode lookup (the ONS postcode directory'\''s CSV) for placement location; needs --la-code.]:postcodes:'
        '--la-code[This council'\''s code (E06000018), for placed inside or outside the council'\''s area.]:la-code:'
        '--canonical-tables[Also write the canonical tables under private/tables/, as '\''carestats ingest'\'' does.]'
        '--log-format[Log format on standard error\: text or json.]:log-format:'
        '--verbose[Show progress even when standard error is not a terminal.]'
        '--wait[If another run holds the output folder'\''s lock, wait for it instead of exiting 3.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_carestats_map() {
    local -i ret=1
    local -ar arg_specs=(
        ':field:'
        '--explain[Under each value, say step by step why it matched or did not.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_carestats_suggest-aliases() {
    local -i ret=1
    local -ar arg_specs=(
        ':input-dir:'
        '--pipeline[A pipeline file whose header and value aliases, groupings and date order apply.]:pipeline:'
        '--run-date[Run date YYYY-MM-DD (default today); two-digit years are read relative to it.]:run-date:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_carestats_benchmarks() {
    local -i ret=1
    local -ar arg_specs=(
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
        '(-): :->command'
        '(-)*:: :->arg'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0
    case "${state}" in
    command)
        local -ar subcommands=(
            'import:Read the DfE'\''s open-data CSVs (explore-education-statistics) into one benchmark file in the simple form.'
        )
        _describe -V subcommand subcommands && ret=0
        ;;
    arg)
        case "${words[1]}" in
        import)
            "_carestats_benchmarks_${words[1]}" && ret=0
            ;;
        esac
        ;;
    esac

    return "${ret}"
}

_carestats_benchmarks_import() {
    local -i ret=1
    local -ar arg_specs=(
        '*:files:'
        '--out[The benchmark file to write (replaced whole when the import succeeds).]:out:'
        '*--mapping[A mapping file of your own, read after the shipped one (columns file,filters,indicator,measure,dimension,category); may be repeated.]:mapping:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_carestats_generate() {
    local -i ret=1
    local -ar arg_specs=(
        '--children[Number of children.]:children:'
        '--from[First collection year (2016 = 2016-17).]:from:'
        '--to[Last collection year (2023 = 2023-24).]:to:'
        '--seed[Random seed\: the same seed gives the same council.]:seed:'
        '--out[Output folder (replaced atomically).]:out:'
        '--messy[Write the extracts as a council'\''s LCS report would (headers, code text, date styles, cp1252, CRLF, duplicates, a few bad rows).]'
        '--services[Write service extracts instead (CAMHS referrals, IRO challenges), for generic measures.]'
        '--postcode-lookup[Write a postcode lookup for the synthetic postcodes instead (the ONS directory'\''s columns), for placement location.]'
        '--log-format[Log format on standard error\: text or json.]:log-format:'
        '--verbose[Show progress even when standard error is not a terminal.]'
        '--wait[If another run holds the output folder'\''s lock, wait for it instead of exiting 3.]'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_carestats_reference() {
    local -i ret=1
    local -ar arg_specs=(
        '--out[The folder to write fields.md, measures.md and tables.md into.]:out:'
        '--version[Show the version.]'
        '(-h --help)'{-h,--help}'[Show help information.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

_carestats_help() {
    local -i ret=1
    local -ar arg_specs=(
        '*:subcommands:'
        '--version[Show the version.]'
    )
    _arguments -w -s -S : "${arg_specs[@]}" && ret=0

    return "${ret}"
}

if [[ "${funcstack[1]}" = _carestats ]]; then
    _carestats "${@}"
else
    compdef _carestats carestats
fi
