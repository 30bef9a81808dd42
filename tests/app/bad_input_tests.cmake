# Included by tests/app/CMakeLists.txt (its sh_app_test, ${prog}, ${out}, ${runner}, ${no_config}).
# --- Bad input and faults (issue 12): each case named, refused or survived, never a crash ------
set(bad ${CMAKE_CURRENT_SOURCE_DIR}/bad_inputs)
# The test runner itself: exit 3 (no driver or device at all) is the only skip; 5 (a device that
# is there but refused or failed) fails the test, also without CI.
add_test(NAME secondheart.runner_device_exit_codes
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/runner_selftest.sh ${runner})

add_test(NAME tests.no_semicolon_in_test_names
         COMMAND sh ${CMAKE_CURRENT_SOURCE_DIR}/check_test_names.sh ${PROJECT_SOURCE_DIR}/tests)

# NaN and infinity are numbers to strtod but never a render scale.
foreach(value nan inf -inf 1e999)
  sh_app_test(cli.render_scale_${value} ARGS --expect-rc 2
              --expect-output "--render-scale: expected auto or a number from 0.25 to 1. got '${value}'"
              -- ${prog} --render-scale ${value})
endforeach()

sh_app_test(cli.leg_detail_nan ARGS --expect-rc 2
            --expect-output "--leg-detail: expected auto or a number from 0.25 to 1. got 'nan'"
            -- ${prog} --leg-detail nan)

# The lesson checker's limits, one file each, the step and key named.
foreach(case "duration_over_limit@steps.0..duration_s.*0 .exclusive. to 3600"
             "duration_with_wait@steps.0..duration_s.*not allowed with .advance.: .wait."
             "bad_advance@steps.0..advance.*expected .wait."
             "kiosk_duration_zero@steps.0..kiosk_duration_s.*0 .exclusive. to 3600"
             "kiosk_duration_over_limit@steps.0..kiosk_duration_s.*0 .exclusive. to 3600"
             "caption_401@steps.0..caption.*too long: 401 characters, at most 400"
             "number_overflow@key .duration_s.: the number 1e999 is out of range")
  string(FIND "${case}" "@" at)
  string(SUBSTRING "${case}" 0 ${at} name)
  math(EXPR after "${at} + 1")
  string(SUBSTRING "${case}" ${after} -1 expected)
  sh_app_test(check_lesson.${name} ARGS --expect-rc 2 --expect-output "${expected}"
              -- ${prog} --check-lesson ${bad}/lesson_${name}.json)
endforeach()
sh_app_test(check_lesson.at_limits ARGS --expect-rc 0 --expect-output "valid lesson"
            -- ${prog} --check-lesson ${bad}/lesson_at_limits.json)
sh_app_test(check_lesson.caption_400_accented ARGS --expect-rc 0 --expect-output "valid lesson"
            -- ${prog} --check-lesson ${bad}/lesson_caption_400_accented.json)
sh_app_test(check_lesson.missing_file ARGS --expect-rc 2
            --expect-output "no-such-lesson.json: cannot open the lesson file \\(no such file\\)"
            -- ${prog} --check-lesson no-such-lesson.json)
sh_app_test(check_lesson.folder ARGS --expect-rc 2
            --expect-output "bad_inputs: is a folder, not a lesson file"
            -- ${prog} --check-lesson ${bad})
# The caption that aborted the program (ImGui's 16-bit vertex index assertion) is refused by
# the loader of the lecture too; the shipped lessons play instead.
set(huge_caption_lesson ${out}/lesson_caption_40000.json)
string(REPEAT "The calf pumps. " 2500 huge_caption)
file(WRITE ${huge_caption_lesson}
     "{\"format\": \"secondheart-lesson\", \"title\": \"Huge\", \"steps\": "
     "[{\"caption\": \"${huge_caption}\", \"duration_s\": 5}]}\n")
sh_app_test(mode.lecture_refuses_huge_caption GPU ENV ${no_config}
            ARGS --expect-rc 0 --expect-output "too long: 40000 characters, at most 400"
                 --expect-output "lesson 1/1 \"The second heart at work\""
                 --expect-output "validation: 0 errors, 0 warnings"
            -- ${prog} --lecture --headless --size 160x120 --frames 5 --particles 1024
               --validation --lesson ${huge_caption_lesson}
               --lesson ${PROJECT_SOURCE_DIR}/assets/lessons/01_second_heart.json)

# Misleading messages, now naming what was wrong.
sh_app_test(cli.scenario_number_overflow ARGS --expect-rc 2
            --expect-output "scenario_number_overflow.json: key \"gait_speed_kmh\": the number 1e999 is out of range"
            -- ${prog} --scenario ${bad}/scenario_number_overflow.json)
# The scenario loader is shared with secondheart-sim, whose `run --scenario` reads the file
# itself (no CLI11 file check in front): a folder and 1e999 are named there too.
sh_app_test(sim_cli.scenario_folder ARGS --expect-rc 2
            --expect-output "bad_inputs: is a folder, not a scenario file"
            -- $<TARGET_FILE:secondheart-sim> run --scenario ${bad} --seconds 1)
sh_app_test(sim_cli.scenario_number_overflow ARGS --expect-rc 2
            --expect-output "key \"gait_speed_kmh\": the number 1e999 is out of range"
            -- $<TARGET_FILE:secondheart-sim> run --scenario ${bad}/scenario_number_overflow.json
               --seconds 1)
sh_app_test(cli.mesh_bad_units ARGS --expect-rc 2
            --expect-output "unknown units or axes 'furlongs'" --reject-output "not found"
            -- ${prog} --mesh soleus=soleus.obj:furlongs)
sh_app_test(cli.mesh_bad_axes ARGS --expect-rc 2
            --expect-output "unknown units or axes 'x-up'" --reject-output "not found"
            -- ${prog} --mesh soleus=soleus.obj:mm:x-up)
sh_app_test(display_unopenable GPU ENV "DISPLAY=:97" "WAYLAND_DISPLAY="
            ARGS --expect-rc 0 --expect-output "display ':97' \\(DISPLAY\\) cannot be opened"
                 --reject-output "Vulkan window" --expect-output "running headless"
                 --expect-output "validation: 0 errors, 0 warnings"
            -- ${prog} --frames 3 --size 160x120 --validation --screenshot ${out}/display.png)

# Outputs on a full disk: RLIMIT_FSIZE makes every write past 6 kB fail (EFBIG) as a full disk
# does (ENOSPC), without root. A 320x240 frame is a PNG of some 50 kB.
sh_app_test(full_disk_screenshot GPU
            ARGS --file-size-limit 6000 --expect-rc 6
                 --expect-output "could not write .*full_disk.png: write: File too large"
                 --expect-output "FAILED: a requested output was not written"
                 --expect-no-file ${out}/full_disk.png
                 --expect-output "validation: 0 errors, 0 warnings"
            -- ${prog} --headless --frames 3 --size 320x240 --validation
               --screenshot ${out}/full_disk.png)
sh_app_test(full_disk_record_png GPU ENV "SECONDHEART_FFMPEG=/nonexistent"
            ARGS --file-size-limit 6000 --clean ${out}/full_rec_frames --expect-rc 6
                 --expect-output "recording stopped: 0 frames.*FAILED: could not write"
                 --expect-no-file ${out}/full_rec_frames/frame_000001.png
            -- ${prog} --headless --frames 6 --size 320x240 --validation --record ${out}/full_rec.mp4
               --screenshot ${out}/full_rec_last.png)
sh_app_test(record_read_only_place GPU
            ARGS --expect-rc 6 --expect-output "cannot record: cannot (create|write to) the recording's folder /proc/secondheart-test"
                 --expect-output "FAILED: a requested output was not written"
            -- ${prog} --headless --frames 3 --size 160x120 --validation
               --record /proc/secondheart-test/rec.mp4 --screenshot ${out}/read_only_last.png)

# A hung or broken ffmpeg (stand-ins on PATH): the probe is cut off after 5 s, a broken one is
# named, and the recording is PNG frames; one that dies on the frames fails the run (exit 6)
# after the rest went to PNG frames, its partial video removed.
foreach(kind hangs fails dies_on_frames)
  set(ffmpeg_env_${kind} "PATH=path_list_prepend:${CMAKE_CURRENT_SOURCE_DIR}/fake_ffmpeg/${kind}")
endforeach()
sh_app_test(ffmpeg_hangs GPU
            ARGS --clean ${out}/hang_frames --expect-rc 0
                 --expect-output "did not answer `ffmpeg -encoders` within 5 s"
                 --expect-output "recording stopped: 10 frames, PNG frames in .*hang_frames/"
                 --expect-file ${out}/hang_frames/frame_000010.png
                 --expect-output "validation: 0 errors, 0 warnings"
            -- ${prog} --headless --frames 20 --size 160x120 --validation --record ${out}/hang.mp4)
sh_app_test(ffmpeg_fails GPU
            ARGS --clean ${out}/fail_frames --expect-rc 0
                 --expect-output "`ffmpeg -encoders` failed with exit status 1"
                 --expect-output "recording stopped: 10 frames, PNG frames in .*fail_frames/"
                 --expect-file ${out}/fail_frames/frame_000010.png
            -- ${prog} --headless --frames 20 --size 160x120 --validation --record ${out}/fail.mp4)
sh_app_test(ffmpeg_dies_on_frames GPU
            ARGS --clean ${out}/dies_frames --expect-rc 6
                 --expect-output "ffmpeg stopped taking frames"
                 --expect-output "removed the partial video"
                 --expect-no-file ${out}/dies.mp4
                 --expect-file ${out}/dies_frames/frame_000001.png
            -- ${prog} --headless --frames 20 --size 160x120 --validation --record ${out}/dies.mp4)
set_tests_properties(secondheart.ffmpeg_hangs PROPERTIES ENVIRONMENT_MODIFICATION
                     "${ffmpeg_env_hangs}")
set_tests_properties(secondheart.ffmpeg_fails PROPERTIES ENVIRONMENT_MODIFICATION
                     "${ffmpeg_env_fails}")
set_tests_properties(secondheart.ffmpeg_dies_on_frames PROPERTIES ENVIRONMENT_MODIFICATION
                     "${ffmpeg_env_dies_on_frames}")

# SIGTERM / SIGINT in the middle of a long headless recording: the frame in flight is the last,
# the recording is closed (its frames complete), the screenshot written, exit 0.
foreach(sig TERM INT)
  sh_app_test(signal_${sig}_during_record GPU ENV "SECONDHEART_FFMPEG=/nonexistent"
              ARGS --clean ${out}/sig${sig}_frames --signal ${sig}
                   --after-output "recording 160x120 at 30 frames/s"
                   --expect-rc 0 --expect-output "SIG${sig} received: finishing"
                   --expect-output "recording stopped: [1-9][0-9]* frames, PNG frames"
                   --expect-file ${out}/sig${sig}_last.png
                   --expect-output "wrote .*sig${sig}_last.png"
                   --reject-output "1000000 frames rendered"
                   --expect-output "validation: 0 errors, 0 warnings"
              -- ${prog} --headless --frames 1000000 --size 160x120 --validation
                 --record ${out}/sig${sig}.mp4 --screenshot ${out}/sig${sig}_last.png)
endforeach()

# Inputs checked without a GPU: settings types, the PIN rule, meshes (degenerate, huge), the
# recorder's faults, PNG writes on a full disk, the kiosk PIN lockout through the modes.
add_executable(sh_bad_input_tests test_bad_settings.cpp test_bad_meshes.cpp test_output_faults.cpp
                                  test_ui_font.cpp test_font_lookup.cpp)
target_link_libraries(sh_bad_input_tests PRIVATE sh_app_overlay sh_anatomy sh_app_logic
                                                 sh_test_main sh_test_support sh_warnings)
catch_discover_tests(sh_bad_input_tests TEST_PREFIX "bad_input.")
target_sources(sh_mode_tests PRIVATE test_mode_pin_lockout.cpp)
