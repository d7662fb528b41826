using Microsoft.Extensions.Hosting;
using Pipeline.Functions;

FunctionsApp.CreateBuilder(args).Build().Run();
