// Options page entry: categories, sensitivity, rules, user phrases, ignored phrases, import/export and reset.
import { render } from 'preact';
import '../shared/theme.css';
import './options.css';
import { App } from './App';

render(<App />, document.getElementById('app')!);
