#!/usr/bin/env bash
# Makes csr.txt, the certificate signing request vectors, with OpenSSL (the keys are thrown
# away). Run it again only to change the vectors: the output is committed, and the tests read it.
#   bash forms-core/tests/data/identifiers/make-csr-vectors.sh > forms-core/tests/data/identifiers/csr.txt
# Record format: a line "=== valid CN SOURCE…" or "=== invalid CODE SOURCE…" (CN "-" for none;
# CODE format|checksum), then the PEM text up to the next "===" line.
set -euo pipefail
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"

req() { # key-options subject digest
  openssl req -new -utf8 $1 -nodes -keyout /dev/null -subj "$2" ${3:+-$3} -out out.csr 2>/dev/null
  cat out.csr
}
valid() { # cn source key-options subject [digest]
  echo "=== valid $1 $2"
  req "$3" "$4" "${5:-}"
}

echo "# Certificate signing requests (PKCS#10, RFC 2986) for the csr scheme; made by make-csr-vectors.sh"
echo "# with $(openssl version | cut -d' ' -f1-2): every key is generated and thrown away on the spot."
rsa2048="-newkey rsa:2048"
rsa3072="-newkey rsa:3072"
p256="-newkey ec -pkeyopt ec_paramgen_curve:P-256"
p384="-newkey ec -pkeyopt ec_paramgen_curve:P-384"
i=0
for cn in regix-client.mvr.bg seos.government.bg eservices.customs.bg ais.nra.bg portal.egov.bg; do
  valid "$cn" "openssl req RSA 2048 SHA-256" "$rsa2048" "/C=BG/O=Test administration/CN=$cn" sha256
  valid "$cn" "openssl req EC P-256 SHA-256" "$p256" "/C=BG/CN=$cn" sha256
  i=$((i + 1))
done
valid seos.mzh.government.bg "openssl req RSA 3072 SHA-384" "$rsa3072" "/C=BG/ST=Sofia/L=Sofia/O=Ministry/OU=IT/CN=seos.mzh.government.bg" sha384
valid regix.example.bg "openssl req RSA 2048 SHA-512" "$rsa2048" "/CN=regix.example.bg" sha512
valid ais.example.bg "openssl req EC P-384 SHA-384" "$p384" "/C=BG/O=Test/CN=ais.example.bg" sha384
valid xn--80akhbyknj4f.xn--90ae "openssl req EC P-256 SHA-256, IDN in its xn-- form" "$p256" "/CN=xn--80akhbyknj4f.xn--90ae" sha256
valid "-" "openssl req RSA 2048 SHA-256 without a CN" "$rsa2048" "/C=BG/O=No common name" sha256
valid test.regix.bg "openssl req EC P-256 SHA-384" "$p256" "/CN=test.regix.bg" sha384
valid "-" "openssl req EC P-256 SHA-256 without a CN" "$p256" "/O=Test" sha256
valid Иван.example "openssl req RSA 2048 SHA-256, a UTF-8 CN" "$rsa2048" "/CN=Иван.example" sha256
# The label of the old Netscape form that some tools still print.
echo "=== valid old-label.example.bg openssl req RSA 2048 SHA-256, relabelled NEW CERTIFICATE REQUEST"
req "$rsa2048" "/CN=old-label.example.bg" sha256 | sed 's/CERTIFICATE REQUEST/NEW CERTIFICATE REQUEST/'
echo "=== valid spaced.example.bg openssl req EC P-256 SHA-256, typed with CR LF and indented lines"
req "$p256" "/CN=spaced.example.bg" sha256 | sed 's/^/  /; s/$/\r/'

# Invalid ones: each derived from a fresh valid request.
invalid() { echo "=== invalid $1 $2"; }
pem() { req "$p256" "/CN=broken.example.bg" sha256; }
body() { sed '1d;$d' out.csr | tr -d '\n'; }
wrap() { fold -w 64; }

invalid format "openssl req EC P-256 with its END line dropped"; pem | sed '$d'
invalid format "openssl req EC P-256 with its BEGIN line dropped"; pem | sed '1d'
invalid format "openssl req EC P-256 labelled CERTIFICATE (a certificate, not a request)"; pem | sed 's/CERTIFICATE REQUEST/CERTIFICATE/'
invalid format "openssl req EC P-256 with a character that is not Base64"; pem | sed '2s/^./*/'
invalid format "openssl req EC P-256 cut in half"; pem >/dev/null; { head -1 out.csr; sed -n '2p' out.csr; tail -1 out.csr; }
invalid format "openssl req EC P-256 with its last Base64 line dropped (the DER is truncated)"; pem >/dev/null; { head -1 out.csr; sed '1d;$d' out.csr | sed '$d'; tail -1 out.csr; }
invalid format "a self-signed certificate made by openssl req -x509 (labelled as a request)"
openssl req -x509 -new $p256 -nodes -keyout /dev/null -subj "/CN=cert.example.bg" -days 1 -out cert.pem 2>/dev/null
sed 's/BEGIN CERTIFICATE/BEGIN CERTIFICATE REQUEST/; s/END CERTIFICATE/END CERTIFICATE REQUEST/' cert.pem
invalid format "an empty request between its lines"; printf -- '-----BEGIN CERTIFICATE REQUEST-----\n-----END CERTIFICATE REQUEST-----\n'
invalid format "Base64 of a text, not DER"; { echo '-----BEGIN CERTIFICATE REQUEST-----'; printf 'this is not a certificate request' | base64 | wrap; echo '-----END CERTIFICATE REQUEST-----'; }
invalid format "openssl req EC P-256 twice in one answer"; pem; cat out.csr
invalid format "openssl req EC P-256 as DER in hex, not PEM"; pem >/dev/null; openssl req -in out.csr -outform DER | od -An -tx1 | tr -d ' \n' | fold -w 64; echo
invalid format "openssl req EC P-256 with bytes after the DER"; pem >/dev/null
{ echo '-----BEGIN CERTIFICATE REQUEST-----'; { openssl req -in out.csr -outform DER; printf '\0\0'; } | base64 | wrap; echo '-----END CERTIFICATE REQUEST-----'; }
# Signature failures: the DER is well formed but the request was changed after signing.
flip() { # offset-from-start: change one byte of the DER there and re-encode
  pem >/dev/null
  openssl req -in out.csr -outform DER > der
  python3 -c "import sys; d=bytearray(open('der','rb').read()); d[$1]^=0x01; open('der','wb').write(d)"
  { echo '-----BEGIN CERTIFICATE REQUEST-----'; base64 < der | wrap; echo '-----END CERTIFICATE REQUEST-----'; }
}
for n in 1 2 3 4 5 6 7 8; do
  invalid checksum "openssl req EC P-256 with one bit of its CN changed after signing ($n)"
  # The CN "broken.example.bg" sits after the header; flip a bit in its first letter.
  pem >/dev/null
  off=$(openssl asn1parse -in out.csr | awk -F: '/commonName/ {getline; print $1+0; exit}')
  hl=$(openssl asn1parse -in out.csr | awk '/commonName/ {getline; for (i=1;i<=NF;i++) if ($i ~ /^hl=/) {sub("hl=","",$i); print $i}; exit}')
  openssl req -in out.csr -outform DER > der
  python3 -c "d=bytearray(open('der','rb').read()); d[$off+$hl]^=0x01; open('der','wb').write(d)"
  { echo '-----BEGIN CERTIFICATE REQUEST-----'; base64 < der | wrap; echo '-----END CERTIFICATE REQUEST-----'; }
done
invalid checksum "openssl req RSA 2048 with the last byte of its signature changed"
req "$rsa2048" "/CN=rsa-broken.example.bg" sha256 >/dev/null
openssl req -in out.csr -outform DER > der
python3 -c "d=bytearray(open('der','rb').read()); d[-1]^=0x01; open('der','wb').write(d)"
{ echo '-----BEGIN CERTIFICATE REQUEST-----'; base64 < der | wrap; echo '-----END CERTIFICATE REQUEST-----'; }
invalid checksum "two openssl requests for the same CN: the first one's body with the second one's signature"
req "$p256" "/CN=mixed.example.bg" sha256 >/dev/null; openssl req -in out.csr -outform DER > first
req "$p256" "/CN=mixed.example.bg" sha256 >/dev/null; openssl req -in out.csr -outform DER > second
python3 - <<'PY'
def tlv(d, i):
    tag = d[i]; l = d[i+1]; h = 2
    if l & 0x80:
        n = l & 0x7f; l = int.from_bytes(d[i+2:i+2+n], 'big'); h = 2 + n
    return h, l
a = open('first','rb').read(); b = open('second','rb').read()
def parts(d):
    h, l = tlv(d, 0); i = h
    hi, li = tlv(d, i); info = d[i:i+hi+li]; rest = d[i+hi+li:]
    return info, rest
ia, ra = parts(a); ib, rb = parts(b)
body = ia + rb
n = len(body)
head = bytes([0x30]) + (bytes([0x81, n]) if n < 256 else bytes([0x82, n >> 8, n & 0xff]))
open('der','wb').write(head + body)
PY
{ echo '-----BEGIN CERTIFICATE REQUEST-----'; base64 < der | wrap; echo '-----END CERTIFICATE REQUEST-----'; }
echo "=== valid one-line.example.bg openssl req EC P-256 SHA-256, pasted into a one-line input (line breaks become spaces)"
req "$p256" "/CN=one-line.example.bg" sha256 | tr '\n' ' '; echo
