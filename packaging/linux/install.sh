#!/bin/sh
# Install the built app (dist/Vernelogg from `make package`) for one user, with a menu entry
# and icons, or for everyone with --prefix /usr/local (as root).
#
#   packaging/linux/install.sh [--prefix DIR] [--bundle DIR]     install or update
#   packaging/linux/install.sh [--prefix DIR] --uninstall        remove the program
#
# Default prefix: ~/.local. What goes where (PREFIX=~/.local):
#   ~/.local/lib/vernelogg/                         the program folder (a copy of dist/Vernelogg)
#   ~/.local/bin/vernelogg                          a link to it, for the command line
#   ~/.local/share/applications/no.vernelogg.Vernelogg.desktop
#   ~/.local/share/icons/hicolor/<size>/apps/no.vernelogg.Vernelogg.png (and scalable .svg)
#   ~/.local/share/metainfo/no.vernelogg.Vernelogg.metainfo.xml
# The user's data (~/.local/share/Vernelogg/) is never touched, not even by --uninstall.
set -eu

APP_ID=no.vernelogg.Vernelogg
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
PREFIX="${HOME}/.local"
BUNDLE="$ROOT/dist/Vernelogg"
UNINSTALL=0
SIZES="16 24 32 48 64 128 256 512"

while [ $# -gt 0 ]; do
    case "$1" in
        --prefix) PREFIX=$2; shift 2 ;;
        --bundle) BUNDLE=$2; shift 2 ;;
        --uninstall) UNINSTALL=1; shift ;;
        -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
        *) echo "install.sh: ukjent valg «$1» (se --help)" >&2; exit 2 ;;
    esac
done

PROGRAM_DIR="$PREFIX/lib/vernelogg"
BIN_LINK="$PREFIX/bin/vernelogg"
SHARE="$PREFIX/share"
DESKTOP="$SHARE/applications/$APP_ID.desktop"
METAINFO="$SHARE/metainfo/$APP_ID.metainfo.xml"
ICON_DIR="$SHARE/icons/hicolor"

refresh_caches() {
    command -v update-desktop-database >/dev/null 2>&1 \
        && update-desktop-database -q "$SHARE/applications" 2>/dev/null || true
    command -v gtk-update-icon-cache >/dev/null 2>&1 \
        && gtk-update-icon-cache -q -t -f "$ICON_DIR" 2>/dev/null || true
}

if [ "$UNINSTALL" = 1 ]; then
    rm -rf "$PROGRAM_DIR"
    rm -f "$BIN_LINK" "$DESKTOP" "$METAINFO" "$ICON_DIR/scalable/apps/$APP_ID.svg"
    for size in $SIZES; do
        rm -f "$ICON_DIR/${size}x${size}/apps/$APP_ID.png"
    done
    refresh_caches
    echo "Vernelogg er fjernet fra $PREFIX. Dataene dine er beholdt."
    exit 0
fi

if [ ! -x "$BUNDLE/Vernelogg" ]; then
    echo "install.sh: fant ikke $BUNDLE/Vernelogg. Bygg først med «make package»." >&2
    exit 1
fi

# Replace the program folder as a whole, so no file of an older version stays behind.
mkdir -p "$PREFIX/lib" "$PREFIX/bin"
rm -rf "$PROGRAM_DIR.new"
cp -a "$BUNDLE" "$PROGRAM_DIR.new"
rm -rf "$PROGRAM_DIR"
mv "$PROGRAM_DIR.new" "$PROGRAM_DIR"
ln -sf "$PROGRAM_DIR/Vernelogg" "$BIN_LINK"

# The menu entry starts the program by its full path: ~/.local/bin is not always on the
# PATH of a desktop session.
mkdir -p "$SHARE/applications" "$SHARE/metainfo"
sed -e "s|^Exec=.*|Exec=\"$PROGRAM_DIR/Vernelogg\"|" \
    -e "s|^TryExec=.*|TryExec=$PROGRAM_DIR/Vernelogg|" \
    "$HERE/$APP_ID.desktop" > "$DESKTOP"
chmod 644 "$DESKTOP"
install -m 644 "$HERE/$APP_ID.metainfo.xml" "$METAINFO"

# Icons from the bundle itself (the same files the program shows), else from the source tree.
ICONS="$BUNDLE/_internal/resources/icons"
[ -d "$ICONS" ] || ICONS="$ROOT/resources/icons"
for size in $SIZES; do
    install -D -m 644 "$ICONS/vernelogg-$size.png" "$ICON_DIR/${size}x${size}/apps/$APP_ID.png"
done
install -D -m 644 "$ICONS/vernelogg.svg" "$ICON_DIR/scalable/apps/$APP_ID.svg"

refresh_caches
echo "Vernelogg er installert i $PROGRAM_DIR; finnes i programmenyen og som «vernelogg»."
