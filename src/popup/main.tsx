// Toolbar popup entry: reviews what Rapport flagged in the active tab's composer (or popup.html?tabId=N's).
import { render } from 'preact';
import '../shared/theme.css';
import { adoptCategoryColours } from '../shared/categories';
import './popup.css';
import { App } from './App';

adoptCategoryColours(document);
render(<App search={location.search} />, document.getElementById('app')!);
