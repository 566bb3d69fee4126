#!/bin/sh
# Put KWS Desktop in the applications menu of this user (no root needed): run it from the
# unpacked bundle folder, `./install.sh`. The program stays in this folder; books stay in
# ~/Documents/KWS. `./install.sh --remove` takes the menu entry away again (books untouched).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
data=${XDG_DATA_HOME:-$HOME/.local/share}
if [ "${1:-}" = "--remove" ]; then
    rm -f "$data/applications/kws-desktop.desktop" "$data/icons/hicolor/256x256/apps/kws-desktop.png" \
          "$data/mime/packages/kws-book.xml"
    update-desktop-database "$data/applications" 2>/dev/null || true
    update-mime-database "$data/mime" 2>/dev/null || true
    echo "Menu KWS Desktop dihapus. Buku Anda di ~/Documents/KWS tidak diubah."
    exit 0
fi
mkdir -p "$data/applications" "$data/icons/hicolor/256x256/apps" "$data/mime/packages"
sed "s|^Exec=KWSDesktop|Exec=\"$here/KWSDesktop\"|" "$here/kws-desktop.desktop" > "$data/applications/kws-desktop.desktop"
cp "$here/_internal/kws_desktop/_data/resources/icons/kws-desktop.png" "$data/icons/hicolor/256x256/apps/kws-desktop.png"
cp "$here/kws-book.xml" "$data/mime/packages/kws-book.xml"
update-desktop-database "$data/applications" 2>/dev/null || true
update-mime-database "$data/mime" 2>/dev/null || true
echo "KWS Desktop ada di menu aplikasi. Berkas .kws terbuka dengan KWS Desktop."
