function __carestats_should_offer_completions_for_flags_or_options -a expected_commands
    set -l non_repeating_flags_or_options $argv[2..]
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __carestats_parse_tokens
    test "$commands" = "$expected_commands"; and return $non_repeating_flags_or_options_absent
end

function __carestats_should_offer_completions_for_positional -a expected_commands positional_index_comparison expected_positional_index
    set -l non_repeating_flags_or_options
    set -l non_repeating_flags_or_options_absent 0
    set -l positional_index 0
    set -l commands
    __carestats_parse_tokens
    test "$commands" = "$expected_commands" -a \( "$positional_index" "$positional_index_comparison" "$expected_positional_index" \)
end

function __carestats_parse_tokens -S
    set -l unparsed_tokens (__carestats_tokens -pc)
    switch $unparsed_tokens[1]
    case 'carestats'
        __carestats_parse_subcommand 0 'version' 'h/help'
        switch $unparsed_tokens[1]
        case 'run'
            __carestats_parse_subcommand 1 'out=' 'period=' 'input=' 'run-date=' 'store=' 'canonical-tables' 'log-format=' 'verbose' 'wait' 'version' 'h/help'
        case 'export'
            __carestats_parse_subcommand 2 'year=' 'to=' 'out=' 'previous=' 'run-date=' 'log-format=' 'verbose' 'wait' 'version' 'h/help'
        case 'check'
            __carestats_parse_subcommand 1 'run-date=' 'period=' 'input=' 'version' 'h/help'
        case 'dump-config'
            __carestats_parse_subcommand 1 'out=' 'period=' 'input=' 'run-date=' 'store=' 'version' 'h/help'
        case 'publish'
            __carestats_parse_subcommand 1 'store=' 'postgres-url-env=' 'version' 'h/help'
        case 'history'
            __carestats_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'list'
                __carestats_parse_subcommand 0 'store=' 'postgres-url-env=' 'pipeline=' 'measure=' 'period=' 'dimension=' 'category=' 'version' 'h/help'
            case 'prune'
                __carestats_parse_subcommand 0 'store=' 'postgres-url-env=' 'keep=' 'version' 'h/help'
            end
        case 'ingest'
            __carestats_parse_subcommand 1 'out=' 'threshold=' 'run-date=' 'log-format=' 'verbose' 'wait' 'version' 'h/help'
        case 'measure'
            __carestats_parse_subcommand 1 'period=+' 'measure=+' 'out=' 'threshold=' 'suppression-threshold=' 'run-date=' 'postcodes=' 'la-code=' 'canonical-tables' 'log-format=' 'verbose' 'wait' 'version' 'h/help'
        case 'map'
            __carestats_parse_subcommand 1 'explain' 'version' 'h/help'
        case 'suggest-aliases'
            __carestats_parse_subcommand 1 'pipeline=' 'run-date=' 'version' 'h/help'
        case 'benchmarks'
            __carestats_parse_subcommand 0 'version' 'h/help'
            switch $unparsed_tokens[1]
            case 'import'
                __carestats_parse_subcommand -r 1 'out=' 'mapping=+' 'version' 'h/help'
            end
        case 'generate'
            __carestats_parse_subcommand 0 'children=' 'from=' 'to=' 'seed=' 'out=' 'messy' 'services' 'postcode-lookup' 'log-format=' 'verbose' 'wait' 'version' 'h/help'
        case 'reference'
            __carestats_parse_subcommand 0 'out=' 'version' 'h/help'
        case 'help'
            __carestats_parse_subcommand -r 1 'version'
        end
    end
end

function __carestats_tokens
    if test (string split -m 1 -f 1 -- . "$FISH_VERSION") -gt 3
        commandline --tokens-raw $argv
    else
        commandline -o $argv
    end
end

function __carestats_parse_subcommand -S -a positional_count
    argparse -s r -- $argv
    set -l option_specs $argv[2..]
    set -l is_repeating_positional $_flag_r
    set -el _flag_r
    set -a commands $unparsed_tokens[1]
    set positional_index 0
    while true
        set -e unparsed_tokens[1]
        argparse -sn "$commands" $option_specs -- $unparsed_tokens 2> /dev/null
        set unparsed_tokens $argv
        set positional_index (math $positional_index + 1)
        for non_repeating_flag_or_option in $non_repeating_flags_or_options
            if set -ql "_flag_$(string replace -a - _ -- $non_repeating_flag_or_option)"
                set non_repeating_flags_or_options_absent 1
                break
            end
        end
        test (count $unparsed_tokens) -eq 0 -o \( -z "$is_repeating_positional" -a "$positional_index" -gt "$positional_count" \) && break
    end
end

function __carestats_complete_directories
    set -l token (commandline -t)
    string match -- '*/' $token
    set -l subdirs $token*/
    printf %s\n $subdirs
end

function __carestats_custom_completion
    set -x SAP_SHELL fish
    set -x SAP_SHELL_VERSION $FISH_VERSION
    set -l tokens (__carestats_tokens -p)
    if test -z "$(__carestats_tokens -t)"
        set -l index (count (__carestats_tokens -pc))
        set tokens $tokens[..$index] \'\' $tokens[(math $index + 1)..]
    end
    command $tokens[1] $argv $tokens
end

complete -c 'carestats' -f
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats" version' -l 'version' -d 'Show the version.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_positional "carestats" -eq 1' -fa 'run' -d 'Run a pipeline file: ingest, measures, board tables in every format, figure history.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_positional "carestats" -eq 1' -fa 'export' -d 'Rebuild a statutory return from a folder of extracts.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_positional "carestats" -eq 1' -fa 'check' -d 'Validate a pipeline file and the extracts it names, without computing anything.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_positional "carestats" -eq 1' -fa 'dump-config' -d 'Print the configuration in effect for a pipeline file, with every default filled in.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_positional "carestats" -eq 1' -fa 'publish' -d 'Mark a run as the published one: later runs report every figure that differs from it.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_positional "carestats" -eq 1' -fa 'history' -d 'The figure history: list its runs (the default), show one figure over time, or prune old runs.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_positional "carestats" -eq 1' -fa 'ingest' -d 'Read and normalise a folder of extracts: canonical tables, quarantine, findings, normalisation.csv, manifest.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_positional "carestats" -eq 1' -fa 'measure' -d 'Compute the standard measure catalogue from a folder of extracts, with no configuration.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_positional "carestats" -eq 1' -fa 'map' -d 'Show how raw values of a coded field normalise: one per line on standard input.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_positional "carestats" -eq 1' -fa 'suggest-aliases' -d 'List the raw values no stage of the normaliser mapped, with candidate codes, and draft a values: block.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_positional "carestats" -eq 1' -fa 'benchmarks' -d 'Benchmarks to set beside the council\'s figures: England, regions, statistical neighbours.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_positional "carestats" -eq 1' -fa 'generate' -d 'Write synthetic extracts of an invented council (never real data).'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_positional "carestats" -eq 1' -fa 'reference' -d 'Write the reference pages: every canonical field with its header spellings, every measure with its dimensions and categories, every table layout and option.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_positional "carestats" -eq 1' -fa 'help' -d 'Show subcommand help information.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats run" out' -l 'out' -d 'Output folder (default: the pipeline\'s output.folder, else out/<pipeline name>); replaced atomically.' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats run" period' -l 'period' -d 'The period (or range of periods) to report, instead of the file\'s.' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats run" input' -l 'input' -d 'A folder of extracts to read instead of the file\'s inputs (a late or corrected extract).' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats run" run-date' -l 'run-date' -d 'Run date YYYY-MM-DD (default today).' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats run" store' -l 'store' -d 'The figure history (SQLite file); default: the pipeline\'s store.path, else <output folder>.history.sqlite.' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats run" canonical-tables' -l 'canonical-tables' -d 'Also write the canonical tables under private/tables/, as \'carestats ingest\' does.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats run" log-format' -l 'log-format' -d 'Log format on standard error: text or json.' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats run" verbose' -l 'verbose' -d 'Show progress even when standard error is not a terminal.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats run" wait' -l 'wait' -d 'If another run holds the output folder\'s lock, wait for it instead of exiting 3.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats run" version' -l 'version' -d 'Show the version.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats run" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats export" year' -l 'year' -d 'The collection year, e.g. 2024-25.' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats export" to' -l 'to' -d 'Year to date: the last day covered (YYYY-MM-DD).' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats export" out' -l 'out' -d 'Output folder (created owner-only; replaced atomically).' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats export" previous' -l 'previous' -d 'Last year\'s export folder, copied into previous/ for the DfE\'s year-on-year rules.' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats export" run-date' -l 'run-date' -d 'Run date YYYY-MM-DD (default today).' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats export" log-format' -l 'log-format' -d 'Log format on standard error: text or json.' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats export" verbose' -l 'verbose' -d 'Show progress even when standard error is not a terminal.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats export" wait' -l 'wait' -d 'If another run holds the output folder\'s lock, wait for it instead of exiting 3.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats export" version' -l 'version' -d 'Show the version.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats export" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats check" run-date' -l 'run-date' -d 'Run date YYYY-MM-DD for relative periods (default today).' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats check" period' -l 'period' -d 'The period (or range) to check, as \'run --period\' would report it.' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats check" input' -l 'input' -d 'A folder of extracts to check instead of the file\'s inputs, as \'run --input\' would read.' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats check" version' -l 'version' -d 'Show the version.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats check" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats dump-config" out' -l 'out' -d 'Output folder, as \'run --out\' would take it.' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats dump-config" period' -l 'period' -d 'The period (or range), as \'run --period\' would take it.' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats dump-config" input' -l 'input' -d 'A folder of extracts, as \'run --input\' would take it.' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats dump-config" run-date' -l 'run-date' -d 'Run date YYYY-MM-DD (default today).' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats dump-config" store' -l 'store' -d 'The figure history (SQLite file), as \'run --store\' would take it.' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats dump-config" version' -l 'version' -d 'Show the version.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats dump-config" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats publish" store' -l 'store' -d 'The figure history (SQLite file).' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats publish" postgres-url-env' -l 'postgres-url-env' -d 'The name of an environment variable holding the PostgreSQL URL of a shared store.' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats publish" version' -l 'version' -d 'Show the version.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats publish" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats history" version' -l 'version' -d 'Show the version.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats history" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_positional "carestats history" -eq 1' -fa 'list' -d 'List the runs in the figure history with their status (ok, checks_failed, pending, abandoned), or show one figure over time.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_positional "carestats history" -eq 1' -fa 'prune' -d 'Delete old runs from the figure history: every published run and the last --keep runs of each pipeline stay.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats history list" store' -l 'store' -d 'The figure history (SQLite file).' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats history list" postgres-url-env' -l 'postgres-url-env' -d 'The name of an environment variable holding the PostgreSQL URL of a shared store.' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats history list" pipeline' -l 'pipeline' -d 'Only runs of this pipeline (its file name without .yaml).' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats history list" measure' -l 'measure' -d 'Show this measure over time (needs --pipeline).' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats history list" period' -l 'period' -d 'Only this period.' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats history list" dimension' -l 'dimension' -d 'Dimension (default total).' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats history list" category' -l 'category' -d 'Category (default Total).' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats history list" version' -l 'version' -d 'Show the version.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats history list" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats history prune" store' -l 'store' -d 'The figure history (SQLite file).' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats history prune" postgres-url-env' -l 'postgres-url-env' -d 'The name of an environment variable holding the PostgreSQL URL of a shared store.' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats history prune" keep' -l 'keep' -d 'How many of each pipeline\'s most recent runs to keep besides the published ones.' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats history prune" version' -l 'version' -d 'Show the version.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats history prune" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats ingest" out' -l 'out' -d 'Output folder (replaced atomically when the run succeeds).' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats ingest" threshold' -l 'threshold' -d 'Share of a table\'s rows (quarantined or with an Unrecognised value) above which the run exits 1.' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats ingest" run-date' -l 'run-date' -d 'Run date YYYY-MM-DD (default today); two-digit years are read relative to it.' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats ingest" log-format' -l 'log-format' -d 'Log format on standard error: text or json.' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats ingest" verbose' -l 'verbose' -d 'Show progress even when standard error is not a terminal.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats ingest" wait' -l 'wait' -d 'If another run holds the output folder\'s lock, wait for it instead of exiting 3.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats ingest" version' -l 'version' -d 'Show the version.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats ingest" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats measure"' -l 'period' -d 'A period or a range of like periods; repeat for more.' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats measure"' -l 'measure' -d 'Limit to measure ids or id prefixes such as cla.; repeat for more.' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats measure" out' -l 'out' -d 'Output folder (replaced atomically when the run succeeds).' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats measure" threshold' -l 'threshold' -d 'Share of a table\'s rows (quarantined or with an Unrecognised value) above which the run exits 1.' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats measure" suppression-threshold' -l 'suppression-threshold' -d 'Counts from 1 to this print as c in the published column.' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats measure" run-date' -l 'run-date' -d 'Run date YYYY-MM-DD (default today).' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats measure" postcodes' -l 'postcodes' -d 'A postcode lookup (the ONS postcode directory\'s CSV) for placement location; needs --la-code.' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats measure" la-code' -l 'la-code' -d 'This council\'s code (E06000018), for placed inside or outside the council\'s area.' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats measure" canonical-tables' -l 'canonical-tables' -d 'Also write the canonical tables under private/tables/, as \'carestats ingest\' does.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats measure" log-format' -l 'log-format' -d 'Log format on standard error: text or json.' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats measure" verbose' -l 'verbose' -d 'Show progress even when standard error is not a terminal.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats measure" wait' -l 'wait' -d 'If another run holds the output folder\'s lock, wait for it instead of exiting 3.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats measure" version' -l 'version' -d 'Show the version.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats measure" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats map" explain' -l 'explain' -d 'Under each value, say step by step why it matched or did not.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats map" version' -l 'version' -d 'Show the version.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats map" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats suggest-aliases" pipeline' -l 'pipeline' -d 'A pipeline file whose header and value aliases, groupings and date order apply.' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats suggest-aliases" run-date' -l 'run-date' -d 'Run date YYYY-MM-DD (default today); two-digit years are read relative to it.' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats suggest-aliases" version' -l 'version' -d 'Show the version.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats suggest-aliases" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats benchmarks" version' -l 'version' -d 'Show the version.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats benchmarks" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_positional "carestats benchmarks" -eq 1' -fa 'import' -d 'Read the DfE\'s open-data CSVs (explore-education-statistics) into one benchmark file in the simple form.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats benchmarks import" out' -l 'out' -d 'The benchmark file to write (replaced whole when the import succeeds).' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats benchmarks import"' -l 'mapping' -d 'A mapping file of your own, read after the shipped one (columns file,filters,indicator,measure,dimension,category); may be repeated.' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats benchmarks import" version' -l 'version' -d 'Show the version.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats benchmarks import" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats generate" children' -l 'children' -d 'Number of children.' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats generate" from' -l 'from' -d 'First collection year (2016 = 2016-17).' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats generate" to' -l 'to' -d 'Last collection year (2023 = 2023-24).' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats generate" seed' -l 'seed' -d 'Random seed: the same seed gives the same council.' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats generate" out' -l 'out' -d 'Output folder (replaced atomically).' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats generate" messy' -l 'messy' -d 'Write the extracts as a council\'s LCS report would (headers, code text, date styles, cp1252, CRLF, duplicates, a few bad rows).'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats generate" services' -l 'services' -d 'Write service extracts instead (CAMHS referrals, IRO challenges), for generic measures.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats generate" postcode-lookup' -l 'postcode-lookup' -d 'Write a postcode lookup for the synthetic postcodes instead (the ONS directory\'s columns), for placement location.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats generate" log-format' -l 'log-format' -d 'Log format on standard error: text or json.' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats generate" verbose' -l 'verbose' -d 'Show progress even when standard error is not a terminal.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats generate" wait' -l 'wait' -d 'If another run holds the output folder\'s lock, wait for it instead of exiting 3.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats generate" version' -l 'version' -d 'Show the version.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats generate" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats reference" out' -l 'out' -d 'The folder to write fields.md, measures.md and tables.md into.' -rfka ''
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats reference" version' -l 'version' -d 'Show the version.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats reference" h help' -s 'h' -l 'help' -d 'Show help information.'
complete -c 'carestats' -n '__carestats_should_offer_completions_for_flags_or_options "carestats help" version' -l 'version' -d 'Show the version.'
