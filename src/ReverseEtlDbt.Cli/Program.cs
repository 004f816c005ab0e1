using ReverseEtlDbt.Cli;

return await RetlApp.RunAsync(args);
