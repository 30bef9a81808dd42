# Issue 11 on screen in a real (Xvfb) window with validation: the panel's interventions and heart
# section, patient mode's new topics and the lesson "The second heart helps the first". The run
# ends with one line of the heart's numbers and the interventions in force (SimDriver's
# heart_summary), which these tests read. Included by CMakeLists.txt (sh_app_test, prog, out).
set(heart_line "heart: stroke volume [0-9]+ mL, heart rate [0-9]+ /min, cardiac output [0-9.]+ L/min")

# The desktop panel with every intervention set by a scenario: its controls, the heart section
# and the inset drawn in a window wide enough for the panel beside the leg.
sh_app_test(heart.panel_window GPU ENV ${no_config}
            ARGS --xvfb --expect-rc 0 --expect-file ${out}/heart_panel.png
                 --expect-output "${heart_line}"
                 --expect-output "\"calf_strength\":\"trained\""
                 --expect-output "\"ipc\":\"calf\""
                 --expect-output "\"stocking_length\":\"thigh\""
                 --expect-output "\"stocking_material\":\"inelastic\""
                 --expect-output "\"stocking_mmHg\":30"
                 --expect-output "validation: 0 errors, 0 warnings"
            -- ${prog} --size 960x600 --frames 40 --particles 4096 --leg-detail 0.5 --validation
               --test-fixed-dt --scenario ${CMAKE_CURRENT_SOURCE_DIR}/heart_scenarios/stockings_ipc_trained.json
               --screenshot ${out}/heart_panel.png)

# Patient mode: the digit keys choose the scenes (4: stockings on the flight, 5: legs up); the
# run ends lying with the legs raised 30 degrees.
sh_app_test(heart.patient_topics_window GPU ENV ${no_config}
            ARGS --xvfb --expect-rc 0 --expect-file ${out}/heart_patient.png
                 --expect-output "scene \"Compression stockings on the flight\""
                 --expect-output "scene \"Put your legs up\""
                 --expect-output "${heart_line}"
                 --expect-output "\"elevation_deg\":30"
                 --expect-output "validation: 0 errors, 0 warnings"
            -- ${prog} --patient --size 640x360 --frames 60 --particles 4096 --leg-detail 0.5
               --validation --test-fixed-dt --test-keys 10:4,35:5
               --screenshot ${out}/heart_patient.png)

# The new lesson in lecture mode, stepped to its end by the presenter's keys: the last step
# stands the leg in thigh-length 30 mmHg stockings.
sh_app_test(heart.lesson_window GPU ENV ${no_config}
            ARGS --xvfb --expect-rc 0 --expect-file ${out}/heart_lesson.png
                 --expect-output "lesson 1/1 \"The second heart helps the first\": step 1/4"
                 --expect-output "step 2/4" --expect-output "step 3/4" --expect-output "step 4/4"
                 --expect-output "${heart_line}"
                 --expect-output "\"stocking_mmHg\":30"
                 --expect-output "validation: 0 errors, 0 warnings"
            -- ${prog} --lecture --size 640x360 --frames 60 --particles 4096 --leg-detail 0.5
               --validation --test-fixed-dt --test-keys 10:PageDown,20:PageDown,30:PageDown
               --lesson ${PROJECT_SOURCE_DIR}/assets/lessons/04_second_heart_helps_first.json
               --screenshot ${out}/heart_lesson.png)

# Kiosk mode in a real window: the beating heart is drawn in the attract loop and stays when a
# visitor wakes the kiosk (its placement, clear of the leg and the buttons, is checked headless
# in test_kiosk_heart.cpp).
sh_app_test(heart.kiosk_window GPU ENV ${no_config}
            ARGS --xvfb --expect-rc 0 --expect-file ${out}/heart_kiosk.png
                 --expect-output "kiosk: beating heart drawn \\([0-9]+ /min, [0-9]+ mL\\)"
                 --expect-output "woken by a touch" --expect-output "${heart_line}"
                 --expect-output "validation: 0 errors, 0 warnings"
            -- ${prog} --kiosk --size 640x360 --frames 60 --particles 4096 --leg-detail 0.5
               --validation --test-fixed-dt --test-keys 30:Space
               --screenshot ${out}/heart_kiosk.png)
