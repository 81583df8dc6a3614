# bash completion for jvirsh, jvirt's virsh-compatible command line.
# Generated from jvirsh's command model by `jvirsh --bash-completion`: do not edit.
#
# Install:  jvirsh --bash-completion > ~/.local/share/bash-completion/completions/jvirsh
# or, for the current shell only:  source <(jvirsh --bash-completion)

_jvirsh_global_options="-c --connect -d --debug -e --escape -h --help -k --keepalive-interval \
-K --keepalive-count -l --log -q --quiet -r --readonly -t --timing -v -V --version \
--plugin-dir --bash-completion"

_jvirsh_commands="attach-device attach-disk attach-interface autostart capabilities cd connect create define destroy detach-device domblkstat domid domifstat dominfo domjobabort domjobinfo domname domstate domuuid domxml-from-native domxml-to-native dump dumpxml echo event exit freecell help hostname list maxvcpus net-autostart net-create net-define net-destroy net-dumpxml net-info net-list net-name net-start net-undefine net-uuid nodeinfo nodememstats pwd quit reboot restore resume save schedinfo setmaxmem setmem setvcpus shutdown start suspend sysinfo undefine uri vcpuinfo vcpupin version"

_jvirsh_groups="domain monitor events host network virsh"

# The options of COMMAND, as help lists them.
_jvirsh_options() {
    case "$1" in
        define) echo "--file --validate" ;;
        undefine) echo "--domain --managed-save --storage --remove-all-storage --delete-storage-volume-snapshots --wipe-storage --snapshots-metadata --checkpoints-metadata --nvram --keep-nvram --tpm --keep-tpm" ;;
        create) echo "--file --console --paused --autodestroy --pass-fds --validate --reset-nvram" ;;
        start) echo "--domain --console --paused --autodestroy --bypass-cache --force-boot --pass-fds --reset-nvram" ;;
        suspend) echo "--domain" ;;
        resume) echo "--domain" ;;
        shutdown) echo "--domain --mode" ;;
        reboot) echo "--domain --mode" ;;
        destroy) echo "--domain --graceful --remove-logs" ;;
        save) echo "--domain --file --bypass-cache --xml --running --paused --verbose" ;;
        restore) echo "--file --bypass-cache --xml --running --paused --reset-nvram" ;;
        dump) echo "--domain --file --live --crash --bypass-cache --reset --verbose --memory-only --format" ;;
        domjobinfo) echo "--domain --completed --keep-completed --anystats --rawstats" ;;
        domjobabort) echo "--domain --postcopy" ;;
        dumpxml) echo "--domain --inactive --security-info --update-cpu --migratable --xpath --wrap" ;;
        setmem) echo "--domain --size --config --live --current" ;;
        setmaxmem) echo "--domain --size --config --live --current" ;;
        setvcpus) echo "--domain --count --maximum --config --live --current --guest --hotpluggable" ;;
        vcpupin) echo "--domain --vcpu --cpulist --config --live --current" ;;
        autostart) echo "--domain --disable" ;;
        schedinfo) echo "--domain --weight --cap --current --config --live --set" ;;
        attach-device) echo "--domain --file --persistent --config --live --current" ;;
        attach-disk) echo "--domain --source --target --targetbus --driver --subdriver --iothread --cache --io --type --mode --sourcetype --serial --wwn --alias --rawio --address --multifunction --print-xml --source-protocol --source-host-name --source-host-transport --source-host-socket --persistent --config --live --current" ;;
        attach-interface) echo "--domain --type --source --target --mac --script --model --alias --inbound --outbound --persistent --config --live --current --print-xml --managed --source-mode" ;;
        detach-device) echo "--domain --file --persistent --config --live --current" ;;
        list) echo "--inactive --all --transient --persistent --with-snapshot --without-snapshot --with-checkpoint --without-checkpoint --state-running --state-paused --state-shutoff --state-other --autostart --no-autostart --with-managed-save --without-managed-save --uuid --name --id --table --managed-save --title" ;;
        dominfo) echo "--domain" ;;
        domstate) echo "--domain --reason" ;;
        domid) echo "--domain" ;;
        domname) echo "--domain" ;;
        domuuid) echo "--domain" ;;
        vcpuinfo) echo "--domain --pretty" ;;
        domblkstat) echo "--domain --device --human" ;;
        domifstat) echo "--domain --interface" ;;
        domxml-from-native) echo "--format --config" ;;
        domxml-to-native) echo "--format --domain --xml" ;;
        event) echo "--domain --event --all --loop --timeout --list --timestamp" ;;
        version) echo "--daemon" ;;
        freecell) echo "--cellno --all" ;;
        maxvcpus) echo "--type" ;;
        nodememstats) echo "--cell" ;;
        net-autostart) echo "--network --disable" ;;
        net-create) echo "--file --validate" ;;
        net-define) echo "--file --validate" ;;
        net-destroy) echo "--network" ;;
        net-dumpxml) echo "--network --inactive --xpath --wrap" ;;
        net-info) echo "--network" ;;
        net-list) echo "--inactive --all --persistent --transient --autostart --no-autostart --uuid --name --table" ;;
        net-name) echo "--network" ;;
        net-start) echo "--network" ;;
        net-undefine) echo "--network" ;;
        net-uuid) echo "--network" ;;
        cd) echo "--dir" ;;
        echo) echo "--shell --xml --split --err --string" ;;
        help) echo "--command" ;;
        connect) echo "--name --readonly" ;;
    esac
}

# The options of COMMAND that a bare word fills, in order (an ARGV option last, marked with *).
_jvirsh_positional() {
    case "$1" in
        define) echo "file" ;;
        undefine) echo "domain storage" ;;
        create) echo "file pass-fds" ;;
        start) echo "domain pass-fds" ;;
        suspend) echo "domain" ;;
        resume) echo "domain" ;;
        shutdown) echo "domain mode" ;;
        reboot) echo "domain mode" ;;
        destroy) echo "domain" ;;
        save) echo "domain file xml" ;;
        restore) echo "file xml" ;;
        dump) echo "domain file format" ;;
        domjobinfo) echo "domain" ;;
        domjobabort) echo "domain" ;;
        dumpxml) echo "domain" ;;
        setmem) echo "domain size" ;;
        setmaxmem) echo "domain size" ;;
        setvcpus) echo "domain count" ;;
        vcpupin) echo "domain vcpu cpulist" ;;
        autostart) echo "domain" ;;
        schedinfo) echo "domain set*" ;;
        attach-device) echo "domain file" ;;
        attach-disk) echo "domain source target targetbus driver subdriver iothread cache io type mode sourcetype serial wwn alias address source-protocol source-host-name source-host-transport source-host-socket" ;;
        attach-interface) echo "domain type source target mac script model alias inbound outbound source-mode" ;;
        detach-device) echo "domain file" ;;
        dominfo) echo "domain" ;;
        domstate) echo "domain" ;;
        domid) echo "domain" ;;
        domname) echo "domain" ;;
        domuuid) echo "domain" ;;
        vcpuinfo) echo "domain" ;;
        domblkstat) echo "domain device" ;;
        domifstat) echo "domain interface" ;;
        domxml-from-native) echo "format config" ;;
        domxml-to-native) echo "format xml" ;;
        event) echo "domain event timeout" ;;
        freecell) echo "cellno" ;;
        maxvcpus) echo "type" ;;
        nodememstats) echo "cell" ;;
        net-autostart) echo "network" ;;
        net-create) echo "file" ;;
        net-define) echo "file" ;;
        net-destroy) echo "network" ;;
        net-dumpxml) echo "network" ;;
        net-info) echo "network" ;;
        net-name) echo "network" ;;
        net-start) echo "network" ;;
        net-undefine) echo "network" ;;
        net-uuid) echo "network" ;;
        cd) echo "dir" ;;
        echo) echo "string*" ;;
        help) echo "command" ;;
        connect) echo "name" ;;
    esac
}

# The options of COMMAND that take a value (aliases included: --kilobytes stands for --size).
_jvirsh_valued() {
    case "$1" in
        define) echo "--file" ;;
        undefine) echo "--domain --storage" ;;
        create) echo "--file --pass-fds" ;;
        start) echo "--domain --pass-fds" ;;
        suspend) echo "--domain" ;;
        resume) echo "--domain" ;;
        shutdown) echo "--domain --mode" ;;
        reboot) echo "--domain --mode" ;;
        destroy) echo "--domain" ;;
        save) echo "--domain --file --xml" ;;
        restore) echo "--file --xml" ;;
        dump) echo "--domain --file --format" ;;
        domjobinfo) echo "--domain" ;;
        domjobabort) echo "--domain" ;;
        dumpxml) echo "--domain --xpath" ;;
        setmem) echo "--domain --size --kilobytes=size" ;;
        setmaxmem) echo "--domain --size --kilobytes=size" ;;
        setvcpus) echo "--domain --count" ;;
        vcpupin) echo "--domain --vcpu --cpulist" ;;
        autostart) echo "--domain" ;;
        schedinfo) echo "--domain --weight --cap --set" ;;
        attach-device) echo "--domain --file" ;;
        attach-disk) echo "--domain --source --target --targetbus --driver --subdriver --iothread --cache --io --type --mode --sourcetype --serial --wwn --alias --address --source-protocol --source-host-name --source-host-transport --source-host-socket" ;;
        attach-interface) echo "--domain --type --source --target --mac --script --model --alias --inbound --outbound --source-mode" ;;
        detach-device) echo "--domain --file" ;;
        dominfo) echo "--domain" ;;
        domstate) echo "--domain" ;;
        domid) echo "--domain" ;;
        domname) echo "--domain" ;;
        domuuid) echo "--domain" ;;
        vcpuinfo) echo "--domain" ;;
        domblkstat) echo "--domain --device" ;;
        domifstat) echo "--domain --interface" ;;
        domxml-from-native) echo "--format --config" ;;
        domxml-to-native) echo "--format --domain --xml" ;;
        event) echo "--domain --event --timeout" ;;
        freecell) echo "--cellno" ;;
        maxvcpus) echo "--type" ;;
        nodememstats) echo "--cell" ;;
        net-autostart) echo "--network" ;;
        net-create) echo "--file" ;;
        net-define) echo "--file" ;;
        net-destroy) echo "--network" ;;
        net-dumpxml) echo "--network --xpath" ;;
        net-info) echo "--network" ;;
        net-name) echo "--network" ;;
        net-start) echo "--network" ;;
        net-undefine) echo "--network" ;;
        net-uuid) echo "--network" ;;
        cd) echo "--dir" ;;
        echo) echo "--str=string --string" ;;
        help) echo "--command" ;;
        connect) echo "--name" ;;
    esac
}

# What the value of COMMAND's OPTION completes to: domain, network, file, command or words.
_jvirsh_values() {
    case "$1 $2" in
        "define file") echo "file" ;;
        "undefine domain") echo "domain" ;;
        "create file") echo "file" ;;
        "start domain") echo "domain" ;;
        "suspend domain") echo "domain" ;;
        "resume domain") echo "domain" ;;
        "shutdown domain") echo "domain" ;;
        "shutdown mode") echo "words acpi agent initctl signal paravirt" ;;
        "reboot domain") echo "domain" ;;
        "reboot mode") echo "words acpi agent initctl signal paravirt" ;;
        "destroy domain") echo "domain" ;;
        "save domain") echo "domain" ;;
        "save file") echo "file" ;;
        "restore file") echo "file" ;;
        "dump domain") echo "domain" ;;
        "dump file") echo "file" ;;
        "dump format") echo "words elf kdump-zlib kdump-lzo kdump-snappy kdump-zstd win-dmp" ;;
        "domjobinfo domain") echo "domain" ;;
        "domjobabort domain") echo "domain" ;;
        "dumpxml domain") echo "domain" ;;
        "setmem domain") echo "domain" ;;
        "setmaxmem domain") echo "domain" ;;
        "setvcpus domain") echo "domain" ;;
        "vcpupin domain") echo "domain" ;;
        "autostart domain") echo "domain" ;;
        "schedinfo domain") echo "domain" ;;
        "attach-device domain") echo "domain" ;;
        "attach-device file") echo "file" ;;
        "attach-disk domain") echo "domain" ;;
        "attach-disk source") echo "file" ;;
        "attach-disk targetbus") echo "words ide scsi virtio xen usb sata sd fdc" ;;
        "attach-disk cache") echo "words default none writethrough writeback directsync unsafe" ;;
        "attach-disk io") echo "words threads native io_uring" ;;
        "attach-disk type") echo "words disk cdrom floppy lun" ;;
        "attach-disk mode") echo "words readonly shareable" ;;
        "attach-disk sourcetype") echo "words block file network" ;;
        "attach-interface domain") echo "domain" ;;
        "attach-interface type") echo "words network bridge direct hostdev vhostuser" ;;
        "attach-interface source-mode") echo "words server client" ;;
        "detach-device domain") echo "domain" ;;
        "detach-device file") echo "file" ;;
        "dominfo domain") echo "domain" ;;
        "domstate domain") echo "domain" ;;
        "domid domain") echo "domain" ;;
        "domname domain") echo "domain" ;;
        "domuuid domain") echo "domain" ;;
        "vcpuinfo domain") echo "domain" ;;
        "domblkstat domain") echo "domain" ;;
        "domifstat domain") echo "domain" ;;
        "domxml-from-native format") echo "words qemu-argv xen-sxpr xen-xm" ;;
        "domxml-from-native config") echo "file" ;;
        "domxml-to-native format") echo "words qemu-argv xen-sxpr xen-xm" ;;
        "domxml-to-native domain") echo "domain" ;;
        "domxml-to-native xml") echo "file" ;;
        "event domain") echo "domain" ;;
        "event event") echo "words lifecycle reboot rtc-change watchdog io-error graphics io-error-reason control-error block-job disk-change tray-change pm-wakeup pm-suspend balloon-change pm-suspend-disk device-removed block-job-2 tunable agent-lifecycle device-added migration-iteration job-completed device-removal-failed metadata-change block-threshold memory-failure memory-device-size-change" ;;
        "net-autostart network") echo "network" ;;
        "net-create file") echo "file" ;;
        "net-define file") echo "file" ;;
        "net-destroy network") echo "network" ;;
        "net-dumpxml network") echo "network" ;;
        "net-info network") echo "network" ;;
        "net-name network") echo "network" ;;
        "net-start network") echo "network" ;;
        "net-undefine network") echo "network" ;;
        "net-uuid network") echo "network" ;;
        "cd dir") echo "file" ;;
        "help command") echo "command" ;;
    esac
}

_jvirsh() {
    local cur prev words cword
    if declare -F _init_completion >/dev/null 2>&1; then
        _init_completion -n = || return
    else
        words=("${COMP_WORDS[@]}")
        cword=$COMP_CWORD
        cur=${COMP_WORDS[COMP_CWORD]}
        prev=${COMP_WORDS[COMP_CWORD-1]}
    fi

    # jvirsh's own options, before the command: remember -c URI and -r for the name look-ups.
    local i=1 conn=() cmd="" cmdi=0
    while [ "$i" -lt "$cword" ]; do
        case "${words[i]}" in
            -c|--connect) i=$((i + 1)); conn+=(-c "${words[i]}") ;;
            --connect=*) conn+=(-c "${words[i]#--connect=}") ;;
            -r|--readonly) conn+=(-r) ;;
            -d|--debug|-e|--escape|-k|--keepalive-interval|-K|--keepalive-count|-l|--log|--plugin-dir)
                i=$((i + 1)) ;;
            --) ;;
            -*) ;;
            *) cmd="${words[i]}"; cmdi=$i; break ;;
        esac
        i=$((i + 1))
    done

    if [ -z "$cmd" ]; then
        case "$prev" in
            -c|--connect) COMPREPLY=($(compgen -W "test:///default" -- "$cur")); return ;;
            -l|--log|--plugin-dir) COMPREPLY=($(compgen -f -- "$cur")); return ;;
            -d|--debug) COMPREPLY=($(compgen -W "0 1 2 3 4" -- "$cur")); return ;;
            -e|--escape|-k|--keepalive-interval|-K|--keepalive-count) return ;;
        esac
        if [[ "$cur" == -* ]]; then
            COMPREPLY=($(compgen -W "$_jvirsh_global_options" -- "$cur"))
        else
            COMPREPLY=($(compgen -W "$_jvirsh_commands" -- "$cur"))
        fi
        return
    fi

    # Replay the command's words: options given, positional options filled, a value due?
    local positional=($(_jvirsh_positional "$cmd")) valued=" $(_jvirsh_valued "$cmd") "
    local seen=" " await="" dataonly="" next=0 w name j
    for ((j = cmdi + 1; j < cword; j++)); do
        w="${words[j]}"
        if [ -n "$await" ]; then await=""; continue; fi
        if [ -z "$dataonly" ] && [ "$w" = "--" ]; then dataonly=1; continue; fi
        if [ -z "$dataonly" ] && [[ "$w" == --?* ]]; then
            name="${w%%=*}"
            local target="$name"
            case "$valued" in
                *" $name="*) target="${valued#* $name=}"; target="--${target%% *}" ;;
            esac
            seen+="${target#--} "
            if [[ "$w" != *=* ]] && [[ "$valued" == *" $name "* || "$valued" == *" $name="* ]]; then
                await="${target#--}"
            fi
            continue
        fi
        while [ "$next" -lt "${#positional[@]}" ] && [[ "$seen" == *" ${positional[next]%\*} "* ]] \
                && [[ "${positional[next]}" != *\* ]]; do
            next=$((next + 1))
        done
        if [ "$next" -lt "${#positional[@]}" ]; then
            seen+="${positional[next]%\*} "
            [[ "${positional[next]}" == *\* ]] || next=$((next + 1))
        fi
    done

    local option=""
    if [ -n "$await" ]; then
        option="$await"
    else
        if [ -z "$dataonly" ] && [[ -z "$cur" || "$cur" == -* ]]; then
            local o options=""
            for o in $(_jvirsh_options "$cmd"); do
                [[ "$seen" == *" ${o#--} "* ]] || options+=" $o"
            done
            COMPREPLY=($(compgen -W "$options" -- "$cur"))
            [[ "$cur" == -* ]] && return
        fi
        while [ "$next" -lt "${#positional[@]}" ] && [[ "$seen" == *" ${positional[next]%\*} "* ]] \
                && [[ "${positional[next]}" != *\* ]]; do
            next=$((next + 1))
        done
        [ "$next" -lt "${#positional[@]}" ] && option="${positional[next]%\*}"
    fi
    [ -z "$option" ] && return

    local kind=($(_jvirsh_values "$cmd" "$option")) names=""
    case "${kind[0]}" in
        domain) names=$("${words[0]}" -q "${conn[@]}" list --all --name 2>/dev/null) ;;
        network) names=$("${words[0]}" -q "${conn[@]}" net-list --all --name 2>/dev/null) ;;
        command) COMPREPLY+=($(compgen -W "$_jvirsh_commands $_jvirsh_groups" -- "$cur")); return ;;
        words) COMPREPLY+=($(compgen -W "${kind[*]:1}" -- "$cur")); return ;;
        file) COMPREPLY+=($(compgen -f -- "$cur")); compopt -o filenames 2>/dev/null; return ;;
        *) return ;;
    esac
    # Domain and network names, one a line, may hold blanks.
    local IFS=$'\n'
    COMPREPLY+=($(compgen -W "$names" -- "$cur"))
}
complete -F _jvirsh jvirsh
