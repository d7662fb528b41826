using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Azure.Core;

namespace Pipeline.Connectors.Aws;

/// <summary>
/// AWS credentials in order of preference: web-identity federation from the function app's managed identity
/// (<c>Aws:RoleArn</c>: an Entra ID token exchanged with <c>AssumeRoleWithWebIdentity</c>, no AWS keys stored),
/// explicit keys (<c>Aws:AccessKeyId</c>, from Key Vault), then the AWS SDK default chain (environment, profile).
/// </summary>
public sealed class AwsCredentialsFactory(IOptions<AwsOptions> options, TokenCredential azureCredential)
{
    private AWSCredentials? _credentials;

    public AWSCredentials Get() => _credentials ??= Create();

    private AWSCredentials Create()
    {
        var o = options.Value;
        if (!string.IsNullOrEmpty(o.RoleArn))
        {
            return new EntraWebIdentityCredentials(o.RoleArn, o.WebIdentityAudience, azureCredential, StsConfig(o));
        }

        if (!string.IsNullOrEmpty(o.AccessKeyId) && !string.IsNullOrEmpty(o.SecretAccessKey))
        {
            return new BasicAWSCredentials(o.AccessKeyId, o.SecretAccessKey);
        }

        return DefaultAWSCredentialsIdentityResolver.GetCredentials();
    }

    /// <summary>STS of the configured partition: the regional endpoint of <c>Aws:StsRegion</c>, or <c>Aws:StsEndpoint</c> when set.</summary>
    internal static AmazonSecurityTokenServiceConfig StsConfig(AwsOptions o)
    {
        var config = new AmazonSecurityTokenServiceConfig();
        if (o.StsEndpoint is { } endpoint)
        {
            config.ServiceURL = endpoint.ToString();
            config.AuthenticationRegion = o.StsRegion;
        }
        else
        {
            config.RegionEndpoint = RegionEndpoint.GetBySystemName(o.StsRegion);
        }

        return config;
    }

    /// <summary>Refreshes temporary credentials by exchanging a fresh Entra ID token at STS before the old ones expire.</summary>
    private sealed class EntraWebIdentityCredentials(string roleArn, string audience, TokenCredential credential, AmazonSecurityTokenServiceConfig sts) : RefreshingAWSCredentials
    {
        protected override CredentialsRefreshState GenerateNewCredentials() => GenerateNewCredentialsAsync().GetAwaiter().GetResult();

        protected override async Task<CredentialsRefreshState> GenerateNewCredentialsAsync()
        {
            var token = await credential.GetTokenAsync(new TokenRequestContext([$"{audience.TrimEnd('/')}/.default"]), CancellationToken.None).ConfigureAwait(false);
            using var client = new AmazonSecurityTokenServiceClient(new AnonymousAWSCredentials(), sts);
            var response = await client.AssumeRoleWithWebIdentityAsync(new AssumeRoleWithWebIdentityRequest
            {
                RoleArn = roleArn,
                RoleSessionName = "multicloud-cost-pipeline",
                WebIdentityToken = token.Token,
                DurationSeconds = 3600,
            }).ConfigureAwait(false);
            var c = response.Credentials;

            // The AWS SDK compares this expiry against its own clock (AWSSDKUtils.CorrectedUtcNow), so the fallback is
            // taken from the same real clock, not from our TimeProvider.
            return new CredentialsRefreshState(new ImmutableCredentials(c.AccessKeyId, c.SecretAccessKey, c.SessionToken), c.Expiration ?? DateTime.UtcNow.AddMinutes(55));
        }
    }
}
