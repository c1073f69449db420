// A Bluesky PDS for the tests, on loopback: the real @atproto/pds with an in-memory PLC directory
// (@did-plc/server's mock database), data in a temporary folder. Prints one JSON line
// {"pds": url, "plc": url} when both answer, and runs until killed.
'use strict'
const fs = require('fs')
const os = require('os')
const path = require('path')
const pds = require('@atproto/pds')
const plc = require('@did-plc/server')
const { Secp256k1Keypair } = require('@atproto/crypto')

async function main() {
  const plcServer = plc.PlcServer.create({ db: plc.Database.mock(), port: 0 })
  await plcServer.start()
  const plcUrl = `http://localhost:${plcServer.server.address().port}`
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'newsfeed-pds-'))
  const rotation = await Secp256k1Keypair.create({ exportable: true })
  const port = Number(process.env.PDS_PORT || 2583)
  const env = {
    devMode: true,
    port,
    hostname: 'localhost',
    dataDirectory: dir,
    blobstoreDiskLocation: path.join(dir, 'blobs'),
    didPlcUrl: plcUrl,
    recoveryDidKey: (await Secp256k1Keypair.create()).did(),
    adminPassword: 'admin-pass',
    jwtSecret: 'jwt-secret',
    serviceHandleDomains: ['.test'],
    plcRotationKeyK256PrivateKeyHex: Buffer.from(await rotation.export()).toString('hex'),
    inviteRequired: false,
    fetchDisableSsrfProtection: true,
    rateLimitsEnabled: false,
  }
  const server = await pds.PDS.create(pds.envToCfg(env), pds.envToSecrets(env))
  await server.start()
  process.stdout.write(JSON.stringify({ pds: `http://localhost:${port}`, plc: plcUrl }) + '\n')
  const stop = async () => {
    await server.destroy()
    await plcServer.destroy()
    fs.rmSync(dir, { recursive: true, force: true })
    process.exit(0)
  }
  process.on('SIGTERM', stop)
  process.on('SIGINT', stop)
}

main().catch((err) => {
  console.error(err)
  process.exit(1)
})
