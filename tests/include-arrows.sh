#!/bin/sh
# include-arrows.sh - the layers of src/ (src/README) checked from the
# #include lines: each folder may include only the folders below it.
# A line that breaks an arrow fails the test, named as FILE:LINE.
#
#   common/    nothing but common/
#   values/    common/
#   files/     common/ values/
#   rows/      common/ values/ files/, and cli/command_line.h (the run's settings)
#   apollo/    common/ values/           (nothing of rows/ or files/)
#   report/    common/ values/ files/ rows/ apollo/
#   web/       common/ values/ files/ apollo/   (the page's server: HTTP, runs)
#   commands/  all of the above, cli/command.h and cli/command_line.h
#   cli/       everything but sandbox/
#   sandbox/   sandbox/ and common/      (and nothing outside includes it)
#
# Every include of the tool's own headers names its folder ("rows/chunk.h");
# only the sandbox, built with -I src/sandbox, names its own headers bare.
set -u
src="${TOP_SRCDIR:-$(dirname "$0")/..}/src"
cd "$src" || exit 99

allowed() { # folder -> the folders (or headers) it may include
	case $1 in
	common) echo "common/" ;;
	values) echo "common/ values/" ;;
	files) echo "common/ values/ files/" ;;
	rows) echo "common/ values/ files/ rows/ cli/command_line.h" ;;
	apollo) echo "common/ values/ apollo/" ;;
	report) echo "common/ values/ files/ rows/ apollo/ report/" ;;
	web) echo "common/ values/ files/ apollo/ web/" ;;
	commands) echo "common/ values/ files/ rows/ apollo/ report/ web/ commands/ cli/command.h cli/command_line.h" ;;
	cli) echo "common/ values/ files/ rows/ apollo/ report/ web/ commands/ cli/" ;;
	sandbox) echo "common/ sandbox/" ;;
	*) echo "" ;;
	esac
}

bad=0
checked=0
for file in $(find . -name '*.[ch]' | sed 's#^\./##' | sort); do
	folder=${file%%/*}
	if [ "$folder" = "$file" ]; then
		echo "src/$file: a source file outside the layer folders"
		bad=$((bad + 1))
		continue
	fi
	may=$(allowed "$folder")
	if [ -z "$may" ]; then
		echo "src/$file: folder $folder/ is not one of the layers (add it to tests/include-arrows.sh and src/README)"
		bad=$((bad + 1))
		continue
	fi
	checked=$((checked + 1))
	# "N:header" for every #include "..." of the file
	for hit in $(grep -n '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$file" |
	             sed 's/^\([0-9]*\):[^"]*"\([^"]*\)".*/\1:\2/'); do
		line=${hit%%:*}
		header=${hit#*:}
		[ "$header" = config.h ] && continue
		case $header in
		*/*) ;;
		*)
			if [ "$folder" = sandbox ] && [ -f "sandbox/$header" ]; then
				continue
			fi
			echo "src/$file:$line: #include \"$header\" does not name its folder"
			bad=$((bad + 1))
			continue
			;;
		esac
		if [ ! -f "$header" ]; then
			echo "src/$file:$line: #include \"$header\": no such file under src/"
			bad=$((bad + 1))
			continue
		fi
		ok=no
		for m in $may; do
			case $m in
			*/) case $header in "$m"*) ok=yes ;; esac ;;
			*) [ "$header" = "$m" ] && ok=yes ;;
			esac
		done
		if [ $ok = no ]; then
			echo "src/$file:$line: $folder/ may not include $header (it may include: $may)"
			bad=$((bad + 1))
		fi
	done
done
if [ $checked -lt 50 ]; then
	echo "include-arrows: only $checked files found under $src"
	exit 1
fi
[ $bad -eq 0 ] || { echo "include-arrows: $bad include lines break the layers (see src/README)"; exit 1; }
exit 0
