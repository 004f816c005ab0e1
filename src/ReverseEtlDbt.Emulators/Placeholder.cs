namespace ReverseEtlDbt.Emulators; internal static class Placeholder {}
