#!/bin/sh
# Vigil's stand-in for crm_attribute/crm_master/attrd_updater inside OCF agents (HA_SBIN_DIR points here). Promotion
# scores and this node's transient attributes are handed to the executor through VIGIL_ATTRD_FILE, which
# returns them with the action's result (as attrd would have received them); anything else runs the real
# tool from VIGIL_REAL_SBIN.
me=$(basename "$0")
real="${VIGIL_REAL_SBIN:-/usr/sbin}/$me"
[ -n "$VIGIL_ATTRD_FILE" ] || exec "$real" "$@"
name=""; value=""; op=""; node=""; lifetime=""; promotion=0; delay=""
if [ "$me" = "crm_master" ]; then
    promotion=1; lifetime=reboot
fi
if [ "$me" = "attrd_updater" ]; then
    lifetime=reboot  # attrd's attributes are transient
fi
# parsed in a function, so that "$@" is intact for the real tool when the call is not one of ours
parse() {
    while [ $# -gt 0 ]; do
        case "$1" in
            -p|--promotion) [ "$me" = attrd_updater ] && return 1; promotion=1 ;;
            --promotion=*) promotion=1; name="master-${1#--promotion=}" ;;
            -v|--update|--attr-value) op=set; value="$2"; shift ;;
            -B|--update-both) [ "$me" = attrd_updater ] || return 1; op=set; value="$2"; shift ;;
            --update=*|--attr-value=*) op=set; value="${1#*=}" ;;
            -d|--delay) [ "$me" = attrd_updater ] || return 1; delay="$2"; shift ;;
            --delay=*) [ "$me" = attrd_updater ] || return 1; delay="${1#*=}" ;;
            -D|--delete) op=delete ;;
            -n|--name|--attr-name) name="$2"; shift ;;
            --name=*|--attr-name=*) name="${1#*=}" ;;
            -N|--node|-U|--node-uname) [ "$me" = attrd_updater ] && [ "$1" = -U ] && { op=set; value="$2"; shift; shift; continue; }
                node="$2"; shift ;;
            --node=*) node="${1#*=}" ;;
            -l|--lifetime) lifetime="$2"; shift ;;
            --lifetime=*) lifetime="${1#*=}" ;;
            -t|--type) [ "$2" = status ] && lifetime=reboot; shift ;;
            -q|--quiet) ;;
            *) return 1 ;;
        esac
        shift
    done
}
parse "$@" || exec "$real" "$@"
if [ "$promotion" = 1 ] && [ -z "$name" ]; then
    name="master-${OCF_RESOURCE_INSTANCE%%:*}"
fi
local_node="${OCF_RESKEY_CRM_meta_on_node:-}"
if [ -n "$op" ] && [ -n "$name" ] && { [ "$promotion" = 1 ] || [ "$lifetime" = reboot ]; } \
        && { [ -z "$node" ] || [ "$node" = "$local_node" ]; }; then
    case "$name$value" in *"
"*) echo "$me: newline in attribute" >&2; exit 1 ;; esac
    prefix=""
    [ -n "$delay" ] && prefix="dampen=$delay "
    if [ "$op" = set ]; then
        printf '%sset %s %s\n' "$prefix" "$name" "$value" >> "$VIGIL_ATTRD_FILE"
    else
        printf '%sdelete %s\n' "$prefix" "$name" >> "$VIGIL_ATTRD_FILE"
    fi
    exit 0
fi
echo "$me: only promotion scores and this node's transient attributes can be set from an agent under Vigil" >&2
exit 1
