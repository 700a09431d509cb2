#!/bin/sh
# Convert a Word document to PDF with LibreOffice (headless) and its pages to PNG.
#
#   scripts/docx_to_png.sh REPORT.docx [OUTDIR] [DPI] [FIRST] [LAST]
#
# Writes OUTDIR/REPORT.pdf and OUTDIR/REPORT-<page>.png (pages FIRST..LAST, default all).
# Needs: LibreOffice Writer (apt-get install libreoffice-writer-nogui), CJK fonts
# (apt-get install fonts-noto-cjk) and pdftoppm (apt-get install poppler-utils).
set -eu
if [ $# -lt 1 ]; then
    echo "usage: $0 REPORT.docx [OUTDIR] [DPI] [FIRST] [LAST]" >&2
    exit 2
fi
docx=$1
out=${2:-.}
dpi=${3:-100}
first=${4:-}
last=${5:-}
for tool in soffice pdftoppm; do
    command -v "$tool" >/dev/null 2>&1 || { echo "$0: $tool not found" >&2; exit 1; }
done
mkdir -p "$out"
name=$(basename "$docx" .docx)
# a private LibreOffice profile, so that conversions never clash with a running instance
profile=$(mktemp -d)
trap 'rm -rf "$profile"' EXIT
soffice -env:UserInstallation="file://$profile" --headless --convert-to pdf \
    --outdir "$out" "$docx" >/dev/null 2>&1
[ -f "$out/$name.pdf" ] || { echo "$0: LibreOffice did not convert $docx" >&2; exit 1; }
set -- -png -r "$dpi"
[ -n "$first" ] && set -- "$@" -f "$first"
[ -n "$last" ] && set -- "$@" -l "$last"
pdftoppm "$@" "$out/$name.pdf" "$out/$name"
ls "$out/$name".pdf "$out/$name"-*.png
