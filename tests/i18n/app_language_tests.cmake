# The secondheart program in other languages (included by tests/app/CMakeLists.txt, which
# defines sh_app_test; every case there runs with LC_ALL=C.UTF-8, which these override).
# What is on screen is translated; the log on stderr stays English.
set(i18n_configs ${PROJECT_SOURCE_DIR}/tests/i18n)
# --language: the kiosk in German, woken by a key; the log still names the scene in English.
sh_app_test(i18n.kiosk_german GPU ENV ${no_config}
            ARGS --expect-rc 0 --expect-file ${out}/kiosk_de.png
                 --expect-output "language: de \\(--language\\)"
                 --expect-output "scene \"Walking\""
                 --expect-output "validation: 0 errors, 0 warnings"
            -- ${prog} --kiosk --headless --size 480x270 --frames 60 --particles 4096 --validation
               --language de --test-keys 30:Esc --screenshot ${out}/kiosk_de.png)
# The settings file's language wins over the system's.
sh_app_test(i18n.settings_language GPU
            ENV "XDG_CONFIG_HOME=${i18n_configs}/config_es" "LC_ALL=" "LANG=de_DE.UTF-8"
            ARGS --expect-rc 0 --expect-output "language: es \\(settings\\)"
            -- ${prog} --headless --size 160x120 --frames 2 --particles 4096
               --screenshot ${out}/settings_es.png)
# A language the settings name that has no catalogue: named with the available ones, English.
sh_app_test(i18n.settings_unknown_language GPU
            ENV "XDG_CONFIG_HOME=${i18n_configs}/config_bad" "LC_ALL=" "LANG=de_DE.UTF-8"
            ARGS --expect-rc 0
                 --expect-output "key \"language\": unknown language 'fr' \\(available: en, es, de\\). using English"
                 --expect-output "language: en \\(settings\\)"
            -- ${prog} --headless --size 160x120 --frames 2 --particles 4096
               --screenshot ${out}/settings_fr.png)
# No setting: the system's LANG (a regional variant of an available language).
sh_app_test(i18n.system_language GPU ENV ${no_config} "LC_ALL=" "LC_MESSAGES=" "LANG=de_AT.UTF-8"
            ARGS --expect-rc 0 --expect-output "language: de \\(LANG\\)"
            -- ${prog} --headless --size 160x120 --frames 2 --particles 4096
               --screenshot ${out}/system_de.png)
