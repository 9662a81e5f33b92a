// The demo's local function. `seeder` logs every event it receives (the
// lifecycle key `tf` says whether it is a create, an update or a delete) and
// answers what it did, as a Lambda Node.js handler would.
export const seeder = async (event, context) => {
  const { tf, ...input } = event
  console.log(`  [seeder] ${context.awsRequestId} received ${JSON.stringify(event)}`)
  switch (tf?.action) {
    case 'create':
      return { seeded: input.table, rows: input.rows }
    case 'update':
      return { reseeded: input.table, rows: input.rows, previously: tf.prev_input?.rows }
    case 'delete':
      return { dropped: input.table }
    default:
      return { ignored: true }
  }
}
