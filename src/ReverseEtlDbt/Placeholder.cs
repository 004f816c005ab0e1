namespace ReverseEtlDbt; internal static class Placeholder {}
