namespace ReverseEtlDbt.Tests; public class SmokeTests { [Xunit.Fact] public void Runs() { Xunit.Assert.Equal(2, 1 + 1); } }
