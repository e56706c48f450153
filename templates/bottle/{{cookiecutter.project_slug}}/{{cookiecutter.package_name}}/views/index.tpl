%# Lines starting with % are Python; rebase() wraps this page in base.tpl.
% rebase("base", title=project_name)
%# [concept template]
<h1>{{project_name}}</h1>
<p class="lead">A Bottle starter project.</p>

%# SimpleTemplate escapes {{name}}: "<b>" is shown as text, never run as HTML.
% if name:
  <p class="greeting">Hello, {{name}}!</p>
% else:
  <p class="greeting">Hello, world!</p>
% end

<form method="get" action="{{url('index')}}">
  <input type="text" name="name" placeholder="Your name" value="{{name}}">
  <button type="submit">Greet me</button>
</form>

<footer>Served by Bottle. Try <a href="{{url('health')}}">/health</a>.</footer>
%# [/concept template]
