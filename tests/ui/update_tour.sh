#!/usr/bin/env bash
# Regenerates the README's tour (docs/images) from the screenshot tests, at 1x, and the same
# states at 2x into build/<dir>/screenshots-2x for looking at a HiDPI screen's rendering.
# Usage: tests/ui/update_tour.sh [build dir, default build/rel]
set -euo pipefail
cd "$(dirname "$0")/../.."
build=${1:-build/rel}
tour=docs/images
keep=(main_window cannot_open read_only empty_database sql_console filter_error jobs_finished
      tree_opened export_dialog import_wizard import_wizard_mapping import_widened
      restore_listed window_de export_dialog_fr)
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for scale in 1 2; do
    for suite in tst_main_window tst_window_lifecycle; do
        STRATA_TOUR_DIR="$out/$scale" QT_QPA_PLATFORM=offscreen QT_SCALE_FACTOR=$scale \
            "$build/tests/ui/$suite" > "$out/$suite.$scale.log" 2>&1 ||
            { cat "$out/$suite.$scale.log"; exit 1; }
    done
done
rm -f "$tour"/*.png
mkdir -p "$build/screenshots-2x"
for name in "${keep[@]}"; do
    cp "$out/1/$name.png" "$tour/$name.png"
    cp "$out/2/$name.png" "$build/screenshots-2x/$name.png"
done
echo "update_tour: ${#keep[@]} screenshots in $tour (2x copies in $build/screenshots-2x)"
