// strings: escapes, interpolation with literal braces, multi-line strings, '[' escaping
var script = '''
echo "one ${literal}"
'''
var escaped = 'it\'s \\ a {brace} ${'and'} \u{263A}'
var bracket = '[not an expression]'
var joined = '${bracket}-${length(script)}'

output script string = script
output escaped string = escaped
output bracket string = bracket
output joined string = joined
output ternary string = length(script) > 3 ? 'long' : 'short'
output caseInsensitive bool = 'ABC' =~ 'abc'
output notEqual bool = 1 != 2 && !(true == false) || false
output arithmetic int = -(2 + 3 * 4) % 5
