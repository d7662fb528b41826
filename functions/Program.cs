using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using Pipeline.Application;
using Pipeline.Functions;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ValidateSchedules();
builder.AddPipeline();
builder.AddTelemetry();
builder.UseMiddleware<ScrubExceptionsMiddleware>();
builder.Build().Run();
