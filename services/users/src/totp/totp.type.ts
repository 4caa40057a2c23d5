import { Field, ObjectType } from 'type-graphql';

@ObjectType({ description: 'What an authenticator app needs; two-factor is on only after confirmTotp with a code from it.' })
export class TotpSetup {
  @Field({ description: 'The base32 secret, for typing in by hand.' })
  secret: string;

  @Field({ description: 'otpauth:// URI, usually shown as a QR code.' })
  uri: string;
}
