// Options page entry: categories, sensitivity, rules, user phrases, ignored phrases, import/export and reset.
import { render } from 'preact';
import '../shared/theme.css';
import { adoptCategoryColours } from '../shared/categories';
import './options.css';
import { App } from './App';

adoptCategoryColours(document);
render(<App />, document.getElementById('app')!);
