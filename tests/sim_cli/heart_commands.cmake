# secondheart-sim's issue-11 options and subcommands (veins, heart): keys, values and refusals.
# Included from CMakeLists.txt here; uses its sh_cli_test, sh_cli_value and ${sim}.

sh_cli_test(veins_keys 0 "deep_calf_area_cm2;gsv_calf_area_cm2;popliteal_area_cm2" ""
  ${sim} veins --posture sitting --stocking 30 --stocking-material inelastic --calf-strength trained)
sh_cli_test(heart_keys 0
  "stroke_volume_mL;heart_rate_bpm;cardiac_output_L_min;mean_arterial_mmHg;leg_volume_change_mL"
  "" ${sim} heart --posture standing --minutes 1 --stocking 20 --stocking-length thigh --ipc foot)
sh_cli_test(apg_with_interventions 0 "ef_pct;interventions;calf_strength" ""
  ${sim} apg --calf-strength deconditioned --elevation 30)
sh_cli_test(avp_with_stocking 0 "fall_mmHg;interventions" "" ${sim} avp --stocking 30)
# A stocking narrows the lying great saphenous vein (Partsch & Partsch 2005: 20-25 mmHg closes
# calf veins lying).
sh_cli_value(veins_stocking_narrows_lying A ${sim} veins --posture lying --stocking 20
             B ${sim} veins --posture lying KEY_A gsv_calf_area_cm2 RELATION LESS MARGIN 0.02)
# 60-degree tilt lowers cardiac output below lying after the same time (Hainsworth 1988).
sh_cli_value(heart_tilt_lowers_output A ${sim} heart --posture tilt60 --minutes 2
             KEY_A cardiac_output_L_min KEY_B lying_same_time.cardiac_output_L_min
             RELATION LESS MARGIN 0.5)
# Walking gives back part of the standing fall of stroke volume.
sh_cli_value(heart_walking_gives_back A ${sim} heart --posture standing --minutes 2
             B ${sim} heart --posture standing --minutes 2 --activity walking --speed 3
             KEY_A stroke_volume_mL RELATION LESS MARGIN 5)
sh_cli_test(bad_stocking 2 "" "--stocking;0 to 50" ${sim} avp --stocking 60)
sh_cli_test(nan_stocking 2 "" "--stocking" ${sim} heart --stocking nan)
sh_cli_test(inf_elevation 2 "" "--elevation" ${sim} sit --elevation inf)
sh_cli_test(bad_ipc 2 "" "--ipc;none|calf|foot" ${sim} reflux --ipc knee)
sh_cli_test(bad_strength 2 "" "--calf-strength" ${sim} apg --calf-strength superhuman)
sh_cli_test(bad_length 2 "" "--stocking-length" ${sim} veins --stocking-length ankle)
sh_cli_test(bad_material 2 "" "--stocking-material" ${sim} run --scenario x.json --stocking-material wool)
sh_cli_test(bad_heart_posture 2 "" "--posture" ${sim} heart --posture upside-down)
sh_cli_test(bad_minutes 2 "" "--minutes" ${sim} heart --minutes 0)
sh_cli_test(walking_lying_refused 2 "" "--posture standing" ${sim} heart --activity walking)
