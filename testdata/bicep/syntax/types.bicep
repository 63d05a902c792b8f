@export()
type shared = { name: string }
