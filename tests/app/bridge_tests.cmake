# Tests of the simulator-to-renderer path, included by tests/app/CMakeLists.txt. They need app/
# code (app/flow_bridge: the simulator's network and state into the engine's types), which is
# why they are here and not in tests/engine (whose programs link the engine only).
#  sh_bridge_tests      no GPU: the VeinState written from sim::LegModel, the network's tubes
#  sh_bridge_gpu_tests  lavapipe + validation: the particle step on the simulated leg against
#                       its CPU twin; the GPU skinning (shaders/pose.h) against sim::pose_point;
#                       the leg scene against its reference images
#                       (reference_images/scene_*.png; SH_UPDATE_REFERENCE_IMAGES=1 rewrites them)
set(engine_tests ${PROJECT_SOURCE_DIR}/tests/engine)

add_executable(sh_bridge_tests test_vein_state_writer.cpp test_stage_layout.cpp
                               test_particle_poser.cpp)
target_link_libraries(sh_bridge_tests PRIVATE sh_app_bridge sh_engine sh_test_main sh_warnings)
catch_discover_tests(sh_bridge_tests TEST_PREFIX "bridge.")

add_executable(sh_bridge_gpu_tests ${engine_tests}/gpu_test_main.cpp ${engine_tests}/gpu_context.cpp
                                   test_gpu_state_path.cpp test_gpu_scene.cpp test_gpu_pose.cpp
                                   test_gpu_leg_poser.cpp
                                   test_gpu_stage.cpp)
target_include_directories(sh_bridge_gpu_tests PRIVATE ${engine_tests})
target_link_libraries(sh_bridge_gpu_tests PRIVATE sh_app_bridge sh_engine sh_image_compare
                                                  Catch2::Catch2 sh_warnings)
get_filename_component(sh_scene_assets ${PROJECT_SOURCE_DIR}/assets/anatomy ABSOLUTE)
target_compile_definitions(sh_bridge_gpu_tests PRIVATE
  SH_TEST_OUTPUT_DIR="${CMAKE_CURRENT_BINARY_DIR}/output"
  SH_SCENE_ANATOMY_DIR="${sh_scene_assets}"
  SH_SCENE_REFERENCE_DIR="${CMAKE_CURRENT_SOURCE_DIR}/reference_images")
catch_discover_tests(sh_bridge_gpu_tests TEST_PREFIX "bridge.gpu." TEST_LIST sh_bridge_gpu_tests
                     PROPERTIES SKIP_RETURN_CODE 77 LABELS gpu)
set(bridge_env_file ${CMAKE_CURRENT_BINARY_DIR}/sh_bridge_gpu_tests_env.cmake)
file(WRITE ${bridge_env_file}
     "if(sh_bridge_gpu_tests)\n"
     "  set_tests_properties(\${sh_bridge_gpu_tests} PROPERTIES ENVIRONMENT \"${app_gpu_env}\")\n"
     "endif()\n")
set_property(DIRECTORY APPEND PROPERTY TEST_INCLUDE_FILES ${bridge_env_file})
