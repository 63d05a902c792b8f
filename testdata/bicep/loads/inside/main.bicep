// files loaded at compile time: inside the scanned tree they are read, outside they are unknown
var settings = loadJsonContent('settings.json')
var firstTag = loadJsonContent('settings.json', '$.rules[0].tag')
var outside = loadTextContent('../outside.txt')
var script = loadFileAsBase64('settings.json')

output firstTag string = firstTag
output ruleCount int = length(settings.rules)
output outside string = outside
output scriptLength int = length(script)
