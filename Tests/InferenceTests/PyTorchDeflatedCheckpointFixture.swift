import Foundation

/// A checkpoint in torch's zip layout whose entries are all deflated (one dynamic-Huffman, two
/// fixed-Huffman and one stored deflate block), as a user's re-zipped checkpoint would be. It
/// was written by CPython's own pickler and zipfile module, so it also checks the importer
/// against an independent encoder (memo BINPUT/BINGET included):
///
///     a = Storage("0", [float(i % 7) - 3.0 for i in range(256)]); b = Storage("1", [0.5, -0.25, 1e-3])
///     sd = OrderedDict(conv.weight = tensor(a, offset 0, size (4,4,4,4), stride (64,16,4,1)),
///                      conv.bias = tensor(b, offset 0, size (3,), stride (1,)))
///     pickle protocol 2 of {"state_dict": sd, "epoch": 12}, with persistent ids
///     ("storage", torch.FloatStorage, key, "cpu", numel) and torch._utils._rebuild_tensor_v2
///     zipfile ZIP_DEFLATED level 9: ckpt/data.pkl, ckpt/data/0, ckpt/data/1, ckpt/version (level 0)
enum PyTorchDeflatedCheckpointFixture {
    static var data: Data {
        Data(base64Encoded: base64.joined())!
    }

    private static let base64 = [
        "UEsDBBQAAAAIANmcel3hbpQS5gAAACQBAAANAAAAY2twdC9kYXRhLnBrbDVOu07DMBR1mj6IW6C8+QSzRMAXMCAWq6oIi7codaza",
        "UhT3ODdlQmLpwF/jEqG7HN3z/B59gQnFGWMdVWTK2mlCorVvGqPJ+bbj61CbYOrXyHCMHgqkQs2jQft2n38at7WEsSYftM3LnlzT",
        "8TKYTe+auiTTdj6U+2eOiRBq9tfjQ7U1mA4W/tb4ij6GJ8dMJVHziBOVHit2PbIVSwj8XTIhx8MR5kK+yGXEkVr82OOqU8JZgXOV",
        "/U/buKrD0sZeO7VD7hMubCZTwmWMk+kBVzI54HoIuCHcFrjr1SQqzc5ri3u56PNfUEsDBBQAAAAIANmcel1EDwjwHwAAAAAEAAAL",
        "AAAAY2twdC9kYXRhLzBjYHA4wMDAAMQN+xnAoMEeSDgAEQiPyo3KjcoNYzkAUEsDBBQAAAAIANmcel2w6V+RDgAAAAwAAAALAAAA",
        "Y2twdC9kYXRhLzFjYGCwZ2Bo2Jcv1GwFAFBLAwQUAAAACADZnHpd0Z5nVQcAAAACAAAADAAAAGNrcHQvdmVyc2lvbgECAP3/MwpQ",
        "SwECFAMUAAAACADZnHpd4W6UEuYAAAAkAQAADQAAAAAAAAAAAAAAgAEAAAAAY2twdC9kYXRhLnBrbFBLAQIUAxQAAAAIANmcel1E",
        "DwjwHwAAAAAEAAALAAAAAAAAAAAAAACAAREBAABja3B0L2RhdGEvMFBLAQIUAxQAAAAIANmcel2w6V+RDgAAAAwAAAALAAAAAAAA",
        "AAAAAACAAVkBAABja3B0L2RhdGEvMVBLAQIUAxQAAAAIANmcel3RnmdVBwAAAAIAAAAMAAAAAAAAAAAAAACAAZABAABja3B0L3Zl",
        "cnNpb25QSwUGAAAAAAQABADnAAAAwQEAAAAA",
    ]
}
