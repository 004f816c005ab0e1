namespace ReverseEtlDbt.Selection;

/// <summary>A <c>--select</c>/<c>--exclude</c> string, a selector definition or a selector name the user got wrong.</summary>
public sealed class SelectionException(string message, Exception? inner = null) : Exception(message, inner);
