#!/usr/bin/env python3
"""md2man.py SOURCE.md SECTION TITLE: the subset of Markdown the project's
configuration page uses (headings, paragraphs, tables, code blocks, `code`,
**bold**, [links](url)) as a man page in roff, on stdout.

docs/rsmd.conf.5.md stays the one source of rsmd.conf(5): the build runs
this script (docs/man/meson.build), and tests/cli/test_man.sh checks the
page it makes.
"""
import re
import sys


def escape(text):
    """Roff-escape plain text, then turn inline Markdown into fonts."""
    text = text.replace("\\", "\\e").replace("-", "\\-")
    text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", text)
    text = re.sub(r"\*\*([^*]+)\*\*", r"\\fB\1\\fR", text)
    text = re.sub(r"`([^`]+)`", r"\\fB\1\\fR", text)
    return text


def line(text):
    """One output line, protected when it starts like a request."""
    if text.startswith((".", "'")):
        text = "\\&" + text
    return text


def cells(row):
    return [c.strip() for c in row.strip().strip("|").split("|")]


def convert(lines, section, title):
    out = ['.TH "%s" "%s" "" "rsm" "RSM for Linux"' % (title.upper(), section)]
    para = []
    table = []
    code = None

    def flush_para():
        if para:
            out.append(".PP")
            out.append(line(escape(" ".join(para))))
            para.clear()

    def flush_table():
        if not table:
            return
        head = cells(table[0])
        for row in table[2:]:
            c = cells(row)
            tag = escape(c[0])
            extra = ["%s: %s" % (head[i].lower(), escape(c[i])) for i in range(1, len(c) - 1) if c[i] not in ("", "\u2014")]
            out.append(".TP")
            out.append(line(tag + (" (" + "; ".join(extra) + ")" if extra else "")))
            out.append(line(escape(c[-1])))
        table.clear()

    for raw in lines:
        text = raw.rstrip("\n")
        if code is not None:
            if text.startswith("```"):
                out.extend([".fi", ".RE"])
                code = None
            else:
                out.append(line(text.replace("\\", "\\e").replace("-", "\\-")))
            continue
        if text.startswith("```"):
            flush_para()
            flush_table()
            out.extend([".PP", ".RS 4", ".nf"])
            code = []
        elif text.startswith("|"):
            flush_para()
            table.append(text)
        elif text.startswith("# "):
            continue
        elif text.startswith("## "):
            flush_para()
            flush_table()
            head = text[3:]
            out.append('.SH "%s"' % (head if "[" in head else head.upper()))
        elif not text.strip():
            flush_para()
            flush_table()
        else:
            flush_table()
            para.append(text.strip())
    flush_para()
    flush_table()
    # NAME wants "name \- what": the page's "`name` — what"
    return [l.replace(" \u2014 ", " \\- ") for l in out]


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: md2man.py SOURCE.md SECTION TITLE")
    with open(sys.argv[1], encoding="utf-8") as f:
        page = convert(f.readlines(), sys.argv[2], sys.argv[3])
    sys.stdout.write("\n".join(page) + "\n")


if __name__ == "__main__":
    main()
