# bash completion for rsm. The candidates come from `rsm --complete`, which
# reads the same option tables the command parses with (cli/complete.c), so
# this file never needs to change when a verb or option does.
_rsm()
{
    local cur=${COMP_WORDS[COMP_CWORD]} line
    COMPREPLY=()
    while IFS= read -r line; do
        # names with blanks go back to the line escaped
        COMPREPLY+=("$(printf '%q' "$line")")
    done < <("${COMP_WORDS[0]}" --complete "${COMP_WORDS[@]:1:COMP_CWORD}" 2>/dev/null)
    # a switch with a glued value (/onew) must not get a space after it
    if [[ ${#COMPREPLY[@]} -eq 1 && $cur == /* ]]; then
        compopt -o nospace 2>/dev/null
    fi
}
complete -F _rsm rsm
