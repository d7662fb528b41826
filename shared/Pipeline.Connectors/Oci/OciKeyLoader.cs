using System.Security.Cryptography;

namespace Pipeline.Connectors.Oci;

/// <summary>Loads the API signing key from PEM (PKCS#1 or PKCS#8, optionally encrypted) without ever echoing it.</summary>
public static class OciKeyLoader
{
    public static RSA Load(OciOptions options)
    {
        var rsa = RSA.Create();
        try
        {
            if (string.IsNullOrEmpty(options.PrivateKeyPassphrase))
            {
                rsa.ImportFromPem(options.PrivateKeyPem);
            }
            else
            {
                rsa.ImportFromEncryptedPem(options.PrivateKeyPem, options.PrivateKeyPassphrase);
            }

            return rsa;
        }
        catch (Exception ex) when (ex is ArgumentException or CryptographicException)
        {
            rsa.Dispose();
            throw new InvalidOperationException($"Oci:PrivateKeyPem could not be read as an RSA private key ({ex.GetType().Name}); check the PEM and Oci:PrivateKeyPassphrase.");
        }
    }
}
