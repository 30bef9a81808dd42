// The state path end to end on the GPU, validation on: the simulator's gpu::VeinState (written
// by app/flow_bridge from a walking sim::LegModel) uploaded into the one VeinStateBuffer, the
// particle step reading it, against the CPU twin reading the same struct.
#include "flow_bridge.hpp"
#include "flow_particles_compare.hpp"
#include "gpu_context.hpp"

#include <catch2/catch.hpp>
#include <memory>

TEST_CASE("gpu flow particles: step matches the CPU reference (simulated leg)",
          "[gpu][flow_particles]") {
    auto ctx = sh::test::make_gpu_context();
    {
        const sh::sim::Network& net = sh::sim::default_network();
        const sh::VeinGeometry geometry = sh::app::vein_geometry(net);
        auto writer = sh::app::VeinStateWriter::create(net, geometry);
        REQUIRE(writer);
        sh::sim::LegModel model(net);
        const auto a = std::make_unique<sh::gpu::VeinState>();
        const auto b = std::make_unique<sh::gpu::VeinState>();
        model.advance(1.0);
        writer.value().fill(model, *a);
        model.advance(0.5);
        writer.value().fill(model, *b);
        sh::test::compare_flow_particles_with_reference(*ctx, geometry, *a, *b, 16384, 60);
    }
    sh::test::finish_and_check_validation(ctx);
}
