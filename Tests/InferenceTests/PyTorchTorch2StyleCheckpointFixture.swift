import Foundation

/// A checkpoint shaped like what torch 2.x writes for `torch.save({"model": model.state_dict(),
/// "optimizer": opt.state_dict(), "epoch": 5}, path)`: stored zip entries under `archive/`, data
/// aligned to 64 bytes by padding extra fields, `byteorder`, `version`, `.data/serialization_id`;
/// a state dict that is an OrderedDict carrying `_metadata` through BUILD; Parameters via
/// `_rebuild_parameter`; tensors sharing a storage (a transposed view and an offset slice); a
/// float16 storage; optimizer state keyed by integers. Written by CPython's pickler and zipfile:
///
///     w = FloatStorage [0, 1, 2, 3, 4, 5]; h = HalfStorage [1.0, -2.0, 0.5]
///     model = OrderedDict(conv.weight = Parameter(w, offset 0, size (2,3), stride (3,1)),
///                         conv.weight_t = (w, 0, (3,2), (1,3)), conv.bias = Parameter(w, 4, (2,), (1,)),
///                         norm.scale = (h, 0, (3,), (1,)))
///     optimizer = {"state": {0: {"momentum_buffer": (w, 1, (2,), (1,))}}, "param_groups": [{"lr": 0.1, "params": [0, 1]}]}
enum PyTorchTorch2StyleCheckpointFixture {
    static var data: Data {
        Data(base64Encoded: base64.joined())!
    }

    private static let base64 = [
        "UEsDBBQAAAAAAAAAIQCXm2Xd1wIAANcCAAAQABIAYXJjaGl2ZS9kYXRhLnBrbEZCDgBGRkZGRkZGRkZGRkZGRoACfXEAKFgFAAAA",
        "bW9kZWxxAWNjb2xsZWN0aW9ucwpPcmRlcmVkRGljdApxAilScQMoWAsAAABjb252LndlaWdodHEEY3RvcmNoLl91dGlscwpfcmVi",
        "dWlsZF9wYXJhbWV0ZXIKcQVjdG9yY2guX3V0aWxzCl9yZWJ1aWxkX3RlbnNvcl92MgpxBigoWAcAAABzdG9yYWdlcQdjdG9yY2gK",
        "RmxvYXRTdG9yYWdlCnEIWAEAAAAwcQlYAwAAAGNwdXEKSwZ0cQtRSwBLAksDhnEMSwNLAYZxDYloAilScQ50cQ9ScRCIaAIpUnER",
        "h3ESUnETWA0AAABjb252LndlaWdodF90cRRoBigoaAdoCGgJaApLBnRxFVFLAEsDSwKGcRZLAUsDhnEXiWgCKVJxGHRxGVJxGlgJ",
        "AAAAY29udi5iaWFzcRtoBWgGKChoB2gIaAloCksGdHEcUUsESwKFcR1LAYVxHoloAilScR90cSBScSGIaAIpUnEih3EjUnEkWAoA",
        "AABub3JtLnNjYWxlcSVoBigoaAdjdG9yY2gKSGFsZlN0b3JhZ2UKcSZYAQAAADFxJ2gKSwN0cShRSwBLA4VxKWgeiWgCKVJxKnRx",
        "K1JxLHV9cS1YCQAAAF9tZXRhZGF0YXEuaAIpUnEvKFgAAAAAcTB9cTFYBwAAAHZlcnNpb25xMksBc1gEAAAAY29udnEzfXE0aDJL",
        "AnN1c2JYCQAAAG9wdGltaXplcnE1fXE2KFgFAAAAc3RhdGVxN31xOEsAfXE5WA8AAABtb21lbnR1bV9idWZmZXJxOmgGKChoB2gI",
        "aAloCksGdHE7UUsBaB1oHoloAilScTx0cT1ScT5zc1gMAAAAcGFyYW1fZ3JvdXBzcT9dcUB9cUEoWAIAAABscnFCRz+5mZmZmZma",
        "WAYAAABwYXJhbXNxQ11xRChLAEsBZXVhdVgFAAAAZXBvY2hxRUsFdS5QSwMEFAAAAAAAAAAhAIU94xkGAAAABgAAABEAOgBhcmNo",
        "aXZlL2J5dGVvcmRlckZCNgBGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZsaXR0",
        "bGVQSwMEFAAAAAAAAAAhABeQ55EYAAAAGAAAAA4ADgBhcmNoaXZlL2RhdGEvMEZCCgBGRkZGRkZGRkZGAAAAAAAAgD8AAABAAABA",
        "QAAAgEAAAKBAUEsDBBQAAAAAAAAAIQD62r5sBgAAAAYAAAAOADwAYXJjaGl2ZS9kYXRhLzFGQjgARkZGRkZGRkZGRkZGRkZGRkZG",
        "RkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkYAPADAADhQSwMEFAAAAAAAAAAhANGeZ1UCAAAAAgAAAA8ADQBh",
        "cmNoaXZlL3ZlcnNpb25GQgkARkZGRkZGRkZGMwpQSwMEFAAAAAAAAAAhAOWuHSYKAAAACgAAAB4AQgBhcmNoaXZlLy5kYXRhL3Nl",
        "cmlhbGl6YXRpb25faWRGQj4ARkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZG",
        "RkZGRkYxMjM0NTY3ODkwUEsBAhQDFAAAAAAAAAAhAJebZd3XAgAA1wIAABAAEgAAAAAAAAAAAIABAAAAAGFyY2hpdmUvZGF0YS5w",
        "a2xGQg4ARkZGRkZGRkZGRkZGRkZQSwECFAMUAAAAAAAAACEAhT3jGQYAAAAGAAAAEQA6AAAAAAAAAAAAgAEXAwAAYXJjaGl2ZS9i",
        "eXRlb3JkZXJGQjYARkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGUEsBAhQDFAAA",
        "AAAAAAAhABeQ55EYAAAAGAAAAA4ADgAAAAAAAAAAAIABhgMAAGFyY2hpdmUvZGF0YS8wRkIKAEZGRkZGRkZGRkZQSwECFAMUAAAA",
        "AAAAACEA+tq+bAYAAAAGAAAADgA8AAAAAAAAAAAAgAHYAwAAYXJjaGl2ZS9kYXRhLzFGQjgARkZGRkZGRkZGRkZGRkZGRkZGRkZG",
        "RkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZQSwECFAMUAAAAAAAAACEA0Z5nVQIAAAACAAAADwANAAAAAAAAAAAA",
        "gAFGBAAAYXJjaGl2ZS92ZXJzaW9uRkIJAEZGRkZGRkZGRlBLAQIUAxQAAAAAAAAAIQDlrh0mCgAAAAoAAAAeAEIAAAAAAAAAAACA",
        "AYIEAABhcmNoaXZlLy5kYXRhL3NlcmlhbGl6YXRpb25faWRGQj4ARkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZG",
        "RkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZGRkZQSwUGAAAAAAYABgBjAgAACgUAAAAA",
    ]
}
