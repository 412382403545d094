import Foundation
import Inference
import TestSupport
import XCTest

/// Classic AdaIN with the synthetic (untrained) pytorch-AdaIN-layout weights against
/// ../shared/golden/adain-synthetic.safetensors, within 1e-3 relative (max abs diff / max abs value).
final class AdaINGoldenTests: XCTestCase {
    private func model(_ context: ComputeContext = ComputeContext()) throws -> AdaIN {
        try AdaIN(directory: TestModels.adainDirectory, context: context)
    }

    func testRelu41FeaturesMatchReferenceIncludingCeilModePooling() throws {
        let model = try model()
        let golden = try GoldenFile("adain-synthetic.safetensors")
        // style2 (50x66) only gives 7x9 features if the pools round up.
        for name in ["content", "style1", "style2"] {
            let features = try model.features(golden.image(name))
            let expected = try golden.tensor(name + "_relu4_1")
            XCTAssertEqual([features.channels, features.height, features.width], expected.shape, name)
            XCTAssertLessThan(relativeDifference(features.values, expected.values), 1e-3, name)
        }
    }

    func testSingleStyleOutputMatchesReferenceAtFullAndHalfStrength() throws {
        let model = try model()
        let golden = try GoldenFile("adain-synthetic.safetensors")
        let code = try model.encodeStyle(golden.image("style1"))
        for (strength, key) in [(Float(1), "output_style1_alpha_1_00"), (0.5, "output_style1_alpha_0_50")] {
            let output = try model.stylize(content: golden.image("content"), styles: [WeightedStyle(code: code)],
                                           options: StylizeOptions(strength: strength))
            XCTAssertLessThan(relativeDifference(output.planes, try golden.tensor(key).values), 1e-3, key)
        }
    }

    func testInterpolatedStylesMatchReference() throws {
        let model = try model()
        let golden = try GoldenFile("adain-synthetic.safetensors")
        // Unnormalised weights 3:7 must behave like 0.3 / 0.7.
        let styles = [WeightedStyle(code: try model.encodeStyle(golden.image("style1")), weight: 3),
                      WeightedStyle(code: try model.encodeStyle(golden.image("style2")), weight: 7)]
        let output = try model.stylize(content: golden.image("content"), styles: styles, options: StylizeOptions())
        XCTAssertLessThan(relativeDifference(output.planes, try golden.tensor("output_interp_0_3_0_7").values), 1e-3)
    }

    func testBandedExecutionMatchesReference() throws {
        let model = try model(ComputeContext(threads: 1, bandBudgetBytes: 64 << 10))
        let golden = try GoldenFile("adain-synthetic.safetensors")
        let code = try model.encodeStyle(golden.image("style1"))
        let output = try model.stylize(content: golden.image("content"), styles: [WeightedStyle(code: code)], options: StylizeOptions())
        XCTAssertLessThan(relativeDifference(output.planes, try golden.tensor("output_style1_alpha_1_00").values), 1e-3)
    }
}

/// The same reference outputs with weights that went through the PyTorch importer: the published
/// legacy-format `vgg_normalised.pth` / `decoder.pth` converted exactly as `stylify models import
/// --name-as adain` does.
final class AdaINImportedWeightsGoldenTests: XCTestCase {
    func testWeightsImportedFromLegacyPthGiveTheReferenceOutputs() throws {
        let directory = try Fixtures.temporaryDirectory("adain-import")
        defer { try? FileManager.default.removeItem(at: directory) }
        for file in ["vgg_normalised.pth", "decoder.pth"] {
            let source = TestModels.adainDirectory.appendingPathComponent(file)
            let imported = try PyTorchModelFamily.adain.model(
                from: try PyTorchCheckpoint.read(contentsOf: source), sourceFile: file)
            try SafetensorsWriter.write(tensors: imported.tensors, to: directory.appendingPathComponent(imported.fileName))
        }
        let model = try AdaIN(directory: directory, context: ComputeContext())
        let golden = try GoldenFile("adain-synthetic.safetensors")

        let single = try model.stylize(
            content: golden.image("content"), styles: [WeightedStyle(code: try model.encodeStyle(golden.image("style1")))],
            options: StylizeOptions(strength: 0.5))
        XCTAssertLessThan(relativeDifference(single.planes, try golden.tensor("output_style1_alpha_0_50").values), 1e-3)

        let styles = [WeightedStyle(code: try model.encodeStyle(golden.image("style1")), weight: 0.3),
                      WeightedStyle(code: try model.encodeStyle(golden.image("style2")), weight: 0.7)]
        let blended = try model.stylize(content: golden.image("content"), styles: styles, options: StylizeOptions())
        XCTAssertLessThan(relativeDifference(blended.planes, try golden.tensor("output_interp_0_3_0_7").values), 1e-3)
    }
}
