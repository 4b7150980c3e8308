#!/bin/sh
# Put lsterm in the desktop's application menu for this user (the program stays in this folder;
# run again after moving it). Workspaces and settings live in ~/.config/lsterm, not here.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
icons="${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor/256x256/apps"
mkdir -p "$apps" "$icons"
cp "$here/lsterm.png" "$icons/lsterm.png"
sed "s|^Exec=lsterm|Exec=\"$here/lsterm/lsterm\"|" "$here/lsterm.desktop" > "$apps/lsterm.desktop"
echo "lsterm added to the application menu ($apps/lsterm.desktop)"
