namespace Pipeline.Testing;

/// <summary>Texts as SDKs and providers echo them, each with the secret it must lose. Shared by the scrubber and failure-path tests.</summary>
public static class SecretPatterns
{
    public const string Secret = "S3CR3Tv4lue";

    public static readonly IReadOnlyList<(string Name, string Text)> All =
    [
        ("SAS sig", $"GET https://acct.blob.core.windows.net/c/f.csv?sv=2024-05-04&se=2026&sp=r&sig={Secret}%2Bxyz%3D failed"),
        ("AccountKey", $"DefaultEndpointsProtocol=https;AccountName=acct;AccountKey={Secret}==;EndpointSuffix=core.windows.net"),
        ("ACS accesskey", $"endpoint=https://acs.communication.azure.com/;accesskey={Secret}+abc=="),
        ("SharedAccessKey", $"Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={Secret}="),
        ("JSON SecretAccessKey", $$"""{"AccessKeyId":"AKIAEXAMPLE","SecretAccessKey":"{{Secret}}/K7MDENG","SessionToken":"{{Secret}}zz"}"""),
        ("INI aws_secret_access_key", $"[default]\naws_access_key_id = AKIAEXAMPLE\naws_secret_access_key = {Secret}/K7MDENG\n"),
        ("X-Amz-Security-Token", $"https://bucket.s3.amazonaws.com/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Security-Token={Secret}%2F&X-Amz-Signature=abc"),
        ("X-Amz-Signature", $"https://bucket.s3.amazonaws.com/k?X-Amz-Signature={Secret}"),
        ("Authorization Basic", $"Authorization: Basic {Secret}dXNlcjpwYXNz"),
        ("Authorization Bearer", $"Authorization: Bearer eyJ{Secret}.abc.def"),
        ("OCI signature", $"Authorization: Signature version=\"1\",keyId=\"ocid1.tenancy/ocid1.user/aa:bb\",algorithm=\"rsa-sha256\",signature=\"{Secret}+/=\""),
        ("access_token", $$"""{"access_token":"ya29.{{Secret}}","expires_in":3599,"token_type":"Bearer"}"""),
        ("access_token query", $"https://sts.googleapis.com/v1/token?access_token=ya29.{Secret}&x=1"),
        ("PEM private key", $"-----BEGIN RSA PRIVATE KEY-----\nMIIEow{Secret}IBAAKCAQEA\n-----END RSA PRIVATE KEY-----"),
        ("Google key JSON", $$"""{"type":"service_account","private_key_id":"abc","private_key":"-----BEGIN PRIVATE KEY-----\nMIIE{{Secret}}\n-----END PRIVATE KEY-----\n","client_email":"sa@p.iam.gserviceaccount.com"}"""),
        ("password=", $"Server=tcp:db;User ID=u;Password={Secret};"),
        ("JSON password", $$"""{"user":"relay","password":"{{Secret}}"}"""),
        ("URL user info", $"smtp://relay-user:{Secret}@smtp.example.com:587"),
        ("client_secret", $"client_id=abc&client_secret={Secret}&grant_type=client_credentials"),
    ];

    public static TheoryData<string> Names => new(All.Select(p => p.Name));

    public static string Text(string name) => All.Single(p => p.Name == name).Text;
}
