/**
 * A small shipped list of the most common breached passwords that pass the length rule
 * (8+ characters), from public breach-frequency top lists. Compared case-insensitively.
 * Not a replacement for a full breached-password service; it stops the worst choices offline.
 */
const LIST = `
password 12345678 123456789 1234567890 qwerty123 password1 iloveyou 11111111 00000000
sunshine princess football baseball welcome1 abc12345 qwertyuiop 1q2w3e4r 1qaz2wsx
passw0rd superman trustno1 letmein1 zaq12wsx starwars whatever michelle jennifer computer
corvette mercedes internet samantha maverick asdfghjkl 987654321 123123123 password123
qwerty12345 12341234 88888888 87654321 66666666 55555555 99999999 12344321 123qweasd
qweasdzxc 1qazxsw2 q1w2e3r4 q1w2e3r4t5 q1w2e3r4t5y6 a1b2c3d4 iloveyou1 princess1 football1
sunshine1 charlie1 monkey123 dragon123 shadow123 master123 welcome123 admin123 administrator
changeme letmein123 passpass password! p@ssw0rd p@ssword 1234qwer qwer1234 asdf1234 zxcvbnm1
zxcvbnm123 abcd1234 11223344 147258369 159753456 123654789 741852963 1111111111 0987654321
basketball jordan23 liverpool chelsea1 arsenal1 barcelona michael1 jessica1 ashley12
nicole12 anthony1 tinkerbell butterfly chocolate elizabeth christina alexander victoria
pokemon1 minecraft blink182 spiderman batman123 hello123 helloworld loveyou1 lovely12
forever1 freedom1 hunter22 hannah12 soccer12 summer12 qwerty1234 123456789a 12345678a
aa123456 asd123456 zxc123456 qwe123456 1q2w3e4r5t 1q2w3e4r5t6y 123456qwerty qwerty123456
123456abc abc123456 password12 password1234 iloveyou2 babygirl1 whatever1 trustno11
12qwaszx 1qaz2wsx3edc qazwsxedc qazwsx123 asdasdasd qweqweqwe 123abc123 00000000a
secret123 letmein! welcome! default1 guest123 test1234 testtest 1234abcd access14
mustang1 harley12 ranger12 master12 dragon12 shadow12 killer12 george12 thomas12
forexai1 forex123 trading1 trader123 bitcoin1 money123 million1 goldfish dolphins
`;

/** The list as a set of lowercase entries. */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(LIST.split(/\s+/).filter(Boolean));

/** True when the password (case-insensitive) is on the shipped common-password list. */
export function isCommonPassword(password: string): boolean {
  return COMMON_PASSWORDS.has(password.toLowerCase());
}
