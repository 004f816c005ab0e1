namespace DbtStandIn.Manifest;

/// <summary>Writes a file through a temporary sibling and a rename, so readers never see half an artifact.</summary>
public static class AtomicFile
{
    public static void Write(string path, string content)
    {
        var temp = path + ".tmp";
        File.WriteAllText(temp, content);
        File.Move(temp, path, overwrite: true);
    }
}
